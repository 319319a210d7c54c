// Course ch16, pitfall 4 of the list "use a resource without holding it" (seed lines 5084–5090).
// A semaphore of size 1 guards a report buffer. The writers take a token around their write, but
// the flusher, written later, reads and clears the buffer without taking one.
//
// The bug: the semaphore orders only the goroutines that use it. The flusher's accesses are not
// ordered with the writers'.
// What simcc reports: data-race on 'buffer', between a writer and the flusher.
// Fixed twin: weighted-worker-pool.ts (every access to task[] is ordered by the semaphore)
import { scenario, go, shared, Semaphore, WaitGroup } from 'simcc';

export default scenario({ name: 'ch16: a goroutine uses the guarded buffer without a token', expect: ['data-race'] }, async () => {
  const sem = new Semaphore(1, { name: 'sem' });
  const buffer = shared('buffer', '');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      await sem.acquire(1);
      await buffer.update((b) => b + `line ${i}\n`);
      await sem.release(1);
      await wg.done();
    }, `writer-${i}`);
  }
  go(async () => {
    await buffer.read(); // BUG: no sem.acquire(1) around the flush
    await buffer.write('');
    await wg.done();
  }, 'flusher');
  await wg.wait();
});
