// Course ch05, real bugs: Docker issue 36840 (seed lines 1457–1459). The code had to change data,
// but took the read lock (next to a lookup that only read) and then changed the node's state.
// Here it is the counter of the ch05 example (seed lines 1251–1285) with Incr taking RLock.
//
// The bug: several goroutines hold a read lock at once, so two Incrs run together and their
// read-then-write of `count` interleave. A read lock gives readers no order among themselves: in
// Go's race annotations an RUnlock only synchronises with the next Lock, never with another RLock.
// What simcc reports: data-race on `counter.count` between two incrementers, on every schedule
// (even when the two increments do not overlap, nothing orders them).
// Fixed twin: rw-counter.ts
import { scenario, go, shared, RWMutex, WaitGroup, type Shared } from 'simcc';

class Counter {
  readonly mu = new RWMutex({ name: 'counter.mu' });
  readonly count: Shared<number> = shared('counter.count', 0);

  async incr(): Promise<void> {
    await this.mu.rLock(); // BUG: a write under the read lock
    try {
      await this.count.update((v) => v + 1);
    } finally {
      await this.mu.rUnlock();
    }
  }
}

export default scenario({ name: 'Docker 36840: a write under the read lock', expect: ['data-race'] }, async () => {
  const c = new Counter();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      try {
        await c.incr();
      } finally {
        await wg.done();
      }
    }, `incr-${i}`);
  }
  await wg.wait();
});
