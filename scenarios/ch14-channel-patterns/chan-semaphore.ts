// Course ch14, the thought question of the channel lock (seed line 4553): what if the buffer is larger
// than one? A channel of capacity N whose slots are permits is a counting semaphore: acquire sends,
// release receives, and at most N goroutines hold a permit at once (concurrency limiting).
//
// No bug: six workers, at most two at a time; each writes its own result slot, and main reads them
// all after a WaitGroup.
// What simcc reports: nothing, in every schedule: never more than two workers inside, and the
// semaphore's channel raises no false race (the k-th release happens-before the (k+N)-th acquire).
// See also: chan-mutex-empty-slot.ts (N = 1)
import { scenario, go, shared, assert, Channel, WaitGroup, yieldNow } from 'simcc';

const N = 2;
const WORKERS = 6;

export default scenario('ch14: a channel of capacity N as a counting semaphore', async () => {
  const sem = new Channel<void>(N, { name: 'sem' });
  let holders = 0; // plain JS: simcc runs the code between two awaits without interruption
  const results = Array.from({ length: WORKERS }, (_, i) => shared(`results[${i}]`, 0));
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(WORKERS);
  for (let i = 0; i < WORKERS; i++) {
    go(async () => {
      await sem.send(); // acquire
      holders++;
      assert(holders <= N, `${holders} workers hold a permit`);
      await yieldNow(); // the work
      await results[i]!.write(i * i);
      holders--;
      await sem.recv(); // release
      await wg.done();
    }, `worker-${i}`);
  }
  await wg.wait();
  let sum = 0;
  for (const r of results) sum += await r.read();
  assert(sum === 55, `sum ${sum}`);
});
