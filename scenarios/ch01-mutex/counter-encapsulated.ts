// Course ch01, the counter with its lock hidden in methods (seed lines 251–294). This is the
// course's recommended shape: Incr() and Count() both take the lock, so callers cannot forget it.
//
// This is the fixed twin of counter-read-without-lock.ts. The monitor reads through Count(), which
// locks, so each read is ordered with every Incr() by the Mutex (unlock → lock). Main reads after
// wg.Wait(), and the workers' Done → Wait orders their increments before that read.
// What simcc reports: nothing. No race in any schedule, and the final count is 2.
import { scenario, go, shared, Mutex, WaitGroup, assert, type Shared } from 'simcc';

class Counter {
  private mu = new Mutex({ name: 'counter.mu' });
  private count: Shared<number> = shared('counter.count', 0);

  async incr(): Promise<void> {
    await this.mu.lock();
    await this.count.update((v) => v + 1);
    await this.mu.unlock();
  }

  async value(): Promise<number> {
    await this.mu.lock();
    try {
      return await this.count.read();
    } finally {
      await this.mu.unlock(); // defer c.mu.Unlock()
    }
  }
}

export default scenario('ch01: Counter with Incr()/Count() both locking', async () => {
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
      const seen = await counter.value();
      assert(seen >= 0 && seen <= 2, `the monitor saw an impossible count ${seen}`);
    } finally {
      await wg.done();
    }
  }, 'monitor');
  await wg.wait();
  assert((await counter.value()) === 2, 'an increment was lost');
});
