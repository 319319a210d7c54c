// Bench scenario (issue 9): 10,000 goroutines alive at once, each taking 10 steps (start, 7 atomic adds
// on its own counter, a load, WaitGroup done: 100,000 steps in one execution). Per-step cost must not
// grow with the number of live goroutines.
// Run alone: node bin/simcc.js run bench/live-goroutines.ts --seed 1 --step-limit 1000000 --json
import { scenario, go, AtomicInt, WaitGroup, assert } from 'simcc';

const GOROUTINES = 10_000;
const STEPS = 10;

export default scenario('bench: 10,000 live goroutines × 10 steps', async () => {
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(GOROUTINES);
  let total = 0;
  for (let g = 0; g < GOROUTINES; g++) {
    go(async () => {
      const mine = new AtomicInt(0);
      for (let s = 0; s < STEPS - 3; s++) await mine.add(1);
      const mineTotal = await mine.load();
      total += mineTotal;
      await wg.done();
    });
  }
  await wg.wait();
  assert(total === GOROUTINES * (STEPS - 3), 'every goroutine counted');
});
