// Course ch04, a queue on a Mutex (seed lines 1187–1219), with the early-return path of Dequeue
// (seed 1205–1208) missing its Unlock: when the queue is empty, Dequeue returns nil holding the
// lock.
//
// The bug: a lock not released on one return path. The first Dequeue that finds the queue empty
// leaves q.mu locked, and the next Enqueue or Dequeue blocks forever.
// What simcc reports, on the schedules where the consumer finds the queue empty: double-lock when
// the consumer itself calls Dequeue again (it locks q.mu, which it still holds), or deadlock when
// the producer's Enqueue is the one left waiting (main waits for both), naming the lock and where
// the consumer, which may have finished by then, took it.
// Fixed twin: slice-queue.ts
import { scenario, go, shared, Mutex, WaitGroup, type Shared } from 'simcc';

class SliceQueue {
  readonly data: Shared<number[]> = shared('q.data', []);
  readonly mu = new Mutex({ name: 'q.mu' });

  async enqueue(v: number): Promise<void> {
    await this.mu.lock();
    await this.data.update((d) => [...d, v]);
    await this.mu.unlock();
  }

  async dequeue(): Promise<number | null> {
    await this.mu.lock();
    const d = await this.data.read();
    if (d.length === 0) {
      return null; // BUG: forgot q.mu.Unlock()
    }
    await this.data.write(d.slice(1));
    await this.mu.unlock();
    return d[0]!;
  }
}

export default scenario({ name: 'ch04: Dequeue returns without Unlock when empty', expect: ['deadlock', 'double-lock'] }, async () => {
  const q = new SliceQueue();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    for (let i = 0; i < 2; i++) await q.enqueue(i);
    await wg.done();
  }, 'producer');
  go(async () => {
    for (let i = 0; i < 2; i++) await q.dequeue();
    await wg.done();
  }, 'consumer');
  await wg.wait();
});
