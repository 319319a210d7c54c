// Bench scenario for `npm run bench`: 4 goroutines × 50,000 rounds of lock, read, write, unlock
// = 800,000 scheduling points, compared against bench/bare-scheduler.js.
// Run alone: node bin/simcc.js run bench/mutex-rounds.ts --seed 1 --step-limit 2000000 --json
import { scenario, go, shared, Mutex, WaitGroup, assert } from 'simcc';

const GOROUTINES = 4;
const ROUNDS = 50_000;

export default scenario('bench: mutex rounds', async () => {
  const x = shared('x', 0);
  const mu = new Mutex({ name: 'mu' });
  const wg = new WaitGroup({ name: 'wg' });
  for (let g = 0; g < GOROUTINES; g++) {
    await wg.add(1);
    go(async () => {
      for (let r = 0; r < ROUNDS; r++) {
        await mu.lock();
        const v = await x.read();
        await x.write(v + 1);
        await mu.unlock();
      }
      await wg.done();
    }, `worker-${g}`);
  }
  await wg.wait();
  const total = await x.read();
  assert(total === GOROUTINES * ROUNDS, `x is ${total}, expected ${GOROUTINES * ROUNDS}`);
});
