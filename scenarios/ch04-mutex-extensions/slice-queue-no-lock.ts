// Course ch04, a queue on a slice (seed lines 1187–1219) without the Mutex (seed 1190: "without
// the lock, Enqueue/Dequeue on a slice have a data race").
//
// The bug: Enqueue's append and Dequeue's reslice read and write the same slice header from two
// goroutines with nothing ordering them; values are lost or delivered twice.
// What simcc reports: data-race on `q.data`, on every schedule.
// Fixed twin: slice-queue.ts
import { scenario, go, shared, WaitGroup, type Shared } from 'simcc';

class SliceQueue {
  readonly data: Shared<number[]> = shared('q.data', []);

  async enqueue(v: number): Promise<void> {
    await this.data.update((d) => [...d, v]); // BUG: no lock
  }

  async dequeue(): Promise<number | null> {
    const d = await this.data.read(); // BUG: no lock
    if (d.length === 0) return null;
    await this.data.write(d.slice(1));
    return d[0]!;
  }
}

export default scenario({ name: 'ch04: a slice queue without a lock', expect: ['data-race'] }, async () => {
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
