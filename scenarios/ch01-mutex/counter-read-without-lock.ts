// Course ch01, the counter with its lock hidden in methods (seed lines 251–294): Counter.Incr()
// locks around count++, and the comment on Counter.Count() (seed 289) says "reading the count
// needs the lock too".
//
// The bug: this Count() forgets the lock. A monitor goroutine calls it while the workers Incr()
// (the course reads the count only after wg.Wait, so its program does not show this bug). The
// workers' writes are ordered among themselves by the Mutex. The monitor's read is ordered with
// none of them, because it never takes the lock.
// What simcc reports: data-race between the monitor's read of `counter.count` in Count() and a
// worker's write in Incr(). The race is found in every schedule, whatever order the accesses come
// in, because no happens-before edge links the monitor to the workers.
// Fixed twin: counter-encapsulated.ts
import { scenario, go, shared, Mutex, WaitGroup, type Shared } from 'simcc';

class Counter {
  private mu = new Mutex({ name: 'counter.mu' });
  private count: Shared<number> = shared('counter.count', 0);

  async incr(): Promise<void> {
    await this.mu.lock();
    await this.count.update((v) => v + 1);
    await this.mu.unlock();
  }

  // BUG: should be c.mu.Lock(); defer c.mu.Unlock(); return c.count
  async value(): Promise<number> {
    return await this.count.read();
  }
}

export default scenario({ name: 'ch01: Counter.Count() reads without the lock', expect: ['data-race'] }, async () => {
  const counter = new Counter();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      try {
        await counter.incr();
      } finally {
        await wg.done();
      }
    }, `worker-${i}`);
  }
  go(async () => {
    try {
      await counter.value(); // a metrics endpoint reading the counter while it is updated
    } finally {
      await wg.done();
    }
  }, 'monitor');
  await wg.wait();
});
