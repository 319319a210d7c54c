// Course ch05, the RWMutex example (seed lines 1251–1285): a Counter whose Incr takes the write
// lock and whose Count takes the read lock. Ten readers call Count every millisecond and one writer
// calls Incr every second; here three readers and one writer, a few rounds each, on virtual time.
//
// Readers share the lock with each other, and the writer excludes them. Happens-before: the
// writer's Unlock is seen by every later RLock, and every reader's RUnlock by the next Lock, so
// each access to `count` is ordered with the write it could conflict with.
// What simcc reports: nothing. The final count is exact on every schedule.
// Buggy twin: docker-36840-write-under-rlock.ts (Incr under the read lock).
import { scenario, go, shared, sleep, RWMutex, WaitGroup, assert, type Shared } from 'simcc';

class Counter {
  readonly mu = new RWMutex({ name: 'counter.mu' });
  readonly count: Shared<number> = shared('counter.count', 0);

  async incr(): Promise<void> {
    await this.mu.lock();
    try {
      await this.count.update((v) => v + 1);
    } finally {
      await this.mu.unlock();
    }
  }

  async value(): Promise<number> {
    await this.mu.rLock();
    try {
      return await this.count.read();
    } finally {
      await this.mu.rUnlock();
    }
  }
}

export default scenario('ch05: RWMutex counter, Incr under Lock, Count under RLock', async () => {
  const c = new Counter();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(4);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      try {
        for (let j = 0; j < 3; j++) {
          await c.value();
          await sleep(1); // time.Sleep(time.Millisecond)
        }
      } finally {
        await wg.done();
      }
    }, `reader-${i}`);
  }
  go(async () => {
    try {
      for (let j = 0; j < 2; j++) {
        await c.incr();
        await sleep(1000); // time.Sleep(time.Second)
      }
    } finally {
      await wg.done();
    }
  }, 'writer');
  await wg.wait();
  assert((await c.value()) === 2, 'an increment was lost');
});
