// Bench scenario (issue 9): N goroutines (SIMCC_BENCH_N, default 1,000) that each yield once, then
// count. Under fair yields a yield costs O(1), not a scan of every goroutine (it was 3.5 s at 1,000).
// Run alone: node bin/simcc.js run bench/yield-once.ts --seed 1 --json
import { scenario, go, yieldNow, AtomicInt, WaitGroup, assert } from 'simcc';

const n = Number(process.env.SIMCC_BENCH_N ?? 1000);

export default scenario({ name: `bench: ${n} goroutines yielding once`, stepLimit: 1_000_000 }, async () => {
  const count = new AtomicInt(0, 'count');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(n);
  for (let i = 0; i < n; i++) {
    go(async () => {
      await yieldNow();
      await count.add(1);
      await wg.done();
    });
  }
  await wg.wait();
  assert((await count.load()) === n, 'every goroutine counted');
});
