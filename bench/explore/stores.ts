// bench family: n goroutines store to one atomic — n! traces. n from SIMCC_BENCH_N (default 5).
import { scenario, spawn, AtomicInt } from 'simcc';

const n = Number(process.env.SIMCC_BENCH_N ?? 5);

export default scenario(`${n} stores to one location`, async () => {
  const x = new AtomicInt(0);
  const hs = [];
  for (let i = 0; i < n; i++) hs.push(spawn(() => x.store(i)));
  for (const h of hs) await h.join();
});
