// Course ch04, a thread-safe queue on a Mutex (seed lines 1187–1219): SliceQueue wraps a slice
// with a Mutex; Enqueue appends under the lock, Dequeue takes the head under the lock and, on an
// empty queue, unlocks before returning nil (seed 1205–1208: the early return must unlock too).
//
// Every access to `data` is inside the lock, on every path.
// What simcc reports: nothing, on every schedule; every value enqueued is dequeued exactly once.
// Buggy twins: slice-queue-no-lock.ts, slice-queue-dequeue-forgets-unlock.ts
import { scenario, go, shared, Mutex, WaitGroup, assert, type Shared } from 'simcc';

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
      await this.mu.unlock();
      return null;
    }
    await this.data.write(d.slice(1));
    await this.mu.unlock();
    return d[0]!;
  }
}

export default scenario('ch04: a queue protected by a Mutex', async () => {
  const q = new SliceQueue();
  const got: number[] = [];
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    for (let i = 0; i < 3; i++) await q.enqueue(i);
    await wg.done();
  }, 'producer');
  go(async () => {
    for (let i = 0; i < 3; i++) {
      const v = await q.dequeue();
      if (v !== null) got.push(v);
    }
    await wg.done();
  }, 'consumer');
  await wg.wait();
  for (let v = await q.dequeue(); v !== null; v = await q.dequeue()) got.push(v);
  assert(got.join() === '0,1,2', `dequeued ${got.join()}`);
});
