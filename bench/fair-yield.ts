// Bench family (issue 9, fair yields): n spinners (SIMCC_BENCH_N, default 3) poll a flag with
// yieldNow() between loads while one setter takes a few steps and sets it. Under the fair-yield rule
// a spinner can only spin as often as the others make progress, so every execution ends (no
// step-limit) under `run`, and an exhaustive `explore` ends too.
import { scenario, go, yieldNow, AtomicInt, WaitGroup } from 'simcc';

const n = Number(process.env.SIMCC_BENCH_N ?? 3);

export default scenario({ name: `bench: ${n} spinners and a setter`, stepLimit: 100_000 }, async () => {
  const flag = new AtomicInt(0, 'flag');
  const work = new AtomicInt(0, 'work');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(n + 1);
  for (let i = 0; i < n; i++) {
    go(async () => {
      while ((await flag.load()) === 0) await yieldNow();
      await wg.done();
    }, `spinner-${i}`);
  }
  go(async () => {
    for (let i = 0; i < 3; i++) await work.add(1);
    await flag.store(1);
    await wg.done();
  }, 'setter');
  await wg.wait();
});
