// Course ch03, pitfall 2 "copying a used Mutex" (seed lines 747–776). Counter embeds a Mutex.
// main locks c, defers the Unlock, increments, and calls foo(c). foo takes Counter by value, so
// the call copies the Mutex in its locked state, and foo's c.Lock() waits forever.
//
// The bug: sync types must not be copied after first use, because a copy carries the state
// (seed 748–749). Go notices at run time only because nothing else runs
// (`all goroutines are asleep - deadlock!`, seed 772), and `go vet` (copylocks) catches it
// statically (seed 774–778). In TypeScript an assignment aliases, so the by-value argument is
// written as copyValue(c), Go's struct copy: the copy's Mutex is locked like the original.
// What simcc reports: copied-lock, at the copyValue() call. The Mutex has already been used (it is
// locked right now), and the copy happens before foo's Lock could hang, so copied-lock is the first
// finding in every schedule.
// Fixed twin: copy-mutex-pass-pointer.ts
import { scenario, Mutex, copyValue } from 'simcc';

interface Counter {
  mu: Mutex; // sync.Mutex embedded in the struct
  count: number;
}

// func foo(c Counter): the parameter is a copy
async function foo(c: Counter): Promise<void> {
  await c.mu.lock();
  try {
    // fmt.Println("in foo")
  } finally {
    await c.mu.unlock();
  }
}

export default scenario({ name: 'ch03: copying a locked Mutex', expect: ['copied-lock'] }, async () => {
  const c: Counter = { mu: new Mutex({ name: 'c.mu' }), count: 0 };
  await c.mu.lock();
  try {
    c.count++;
    await foo(copyValue(c)); // foo(c): copies the locked Mutex
  } finally {
    await c.mu.unlock(); // defer c.Unlock()
  }
});
