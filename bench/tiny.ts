// Bench scenario for `npm run bench`: a tiny, correct 2-goroutine scenario, run many times
// (`simcc run bench/tiny.ts --runs 200 --json`) to measure executions per second.
import { scenario, go, shared, Mutex, WaitGroup, assert } from 'simcc';

export default scenario('bench: tiny', async () => {
  const count = shared('count', 0);
  const mu = new Mutex({ name: 'mu' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      await mu.lock();
      await count.update((v) => v + 1);
      await mu.unlock();
      await wg.done();
    }, `worker-${i}`);
  }
  await wg.wait();
  assert((await count.read()) === 2, 'an increment was lost');
});
