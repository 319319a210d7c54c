// Course ch03, pitfall 3 "re-entrancy" (seed lines 791–818). Go's Mutex is not reentrant: it does
// not record its owner (seed 796–797). foo locks and calls bar, and bar locks the same Mutex again.
//
// The bug: a goroutine locks a Mutex it already holds, and then waits for itself forever. Go
// reports it only as `all goroutines are asleep - deadlock!`, and only because nothing else runs
// (seed 818).
// What simcc reports: double-lock, at bar's Lock. It names the goroutine, the Mutex, and where the
// Mutex was first locked (in foo). simcc reports this before the deadlock it would cause, in every
// schedule. Two goroutines call foo here, and the one that reaches bar first is reported.
// Fixed twin: reentrant-token-recursive-mutex.ts (the course's RecursiveMutex, seed 820–923).
import { scenario, go, Mutex, WaitGroup, type Locker } from 'simcc';

async function foo(l: Locker): Promise<void> {
  // fmt.Println("in foo")
  await l.lock();
  await bar(l);
  await l.unlock();
}

async function bar(l: Locker): Promise<void> {
  await l.lock(); // BUG: the caller already holds l
  // fmt.Println("in bar")
  await l.unlock();
}

export default scenario({ name: 'ch03: re-entrant Lock of a Mutex', expect: ['double-lock'] }, async () => {
  const l = new Mutex({ name: 'l' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      try {
        await foo(l);
      } finally {
        await wg.done();
      }
    }, `caller-${i}`);
  }
  await wg.wait();
});
