// Course ch05, pitfall 2 "reentrancy", first form (seed lines 1391–1409): foo takes the write lock
// and calls bar, which takes the write lock again.
//
// The bug: Go's RWMutex is not reentrant. bar's Lock waits for the writer to unlock, and the writer
// is the same goroutine, so it waits forever (Go: `fatal error: all goroutines are asleep -
// deadlock!`).
// What simcc reports: double-lock at bar's Lock, naming the goroutine and where foo took the lock.
// It is certain at that call (no goroutine that could unlock it for foo exists), so simcc reports
// it there, on every schedule.
// Fixed twin: rw-writer-reentry-fixed.ts
import { scenario, RWMutex } from 'simcc';

async function foo(l: RWMutex): Promise<void> {
  // fmt.Println("in foo")
  await l.lock();
  try {
    await bar(l);
  } finally {
    await l.unlock();
  }
}

async function bar(l: RWMutex): Promise<void> {
  await l.lock(); // BUG: foo already holds the write lock
  // fmt.Println("in bar")
  await l.unlock();
}

export default scenario({ name: 'ch05: write lock taken again by its holder', expect: ['double-lock'] }, async () => {
  const l = new RWMutex({ name: 'l' });
  await foo(l);
});
