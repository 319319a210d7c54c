// Course ch16, the channel-based semaphore as a sync.Locker (seed lines 5095–5122), and the
// chapter-15 question it answers (seed 4898: how does a channel mutex get its happens-before?).
// NewSemaphore(1) is a mutex: Lock sends into a channel of capacity 1, Unlock receives.
//
// This is a correct program: three goroutines increment a counter under the channel lock.
// What simcc reports: nothing. The k-th receive (Unlock) happens before the (k+1)-th send (Lock)
// completes (the capacity rule of chapter 15), so the increments are ordered and none is lost.
// Buggy counterpart: chan-semaphore-unlock-without-lock.ts. (With capacity 2 as the lock, two
// goroutines would be inside at once, which is chapter 1's race on count.)
import { scenario, go, shared, assert, Channel, WaitGroup } from 'simcc';

class ChanLocker {
  private readonly ch: Channel<void>;
  constructor(capacity: number) {
    this.ch = new Channel<void>(capacity <= 0 ? 1 : capacity, { name: 'sem.ch' }); // capacity 1: a mutex
  }
  lock(): Promise<void> {
    return this.ch.send();
  }
  async unlock(): Promise<void> {
    await this.ch.recv();
  }
}

export default scenario('ch16: a channel of capacity 1 as a lock', async () => {
  const mu = new ChanLocker(1);
  const count = shared('count', 0);
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      await mu.lock();
      await count.update((n) => n + 1);
      await mu.unlock();
      await wg.done();
    }, `worker-${i}`);
  }
  await wg.wait();
  assert((await count.read()) === 3, 'an increment was lost');
});
