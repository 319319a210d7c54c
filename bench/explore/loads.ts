// bench family: k goroutines load an atomic while one stores it — 2^k traces (each load before or
// after the store; loads commute). k from SIMCC_BENCH_N (default 8).
import { scenario, spawn, AtomicInt } from 'simcc';

const k = Number(process.env.SIMCC_BENCH_N ?? 8);

export default scenario(`${k} atomic loads and one store`, async () => {
  const x = new AtomicInt(0);
  const hs = [spawn(() => x.store(1))];
  for (let i = 0; i < k; i++) hs.push(spawn(() => x.load()));
  for (const h of hs) await h.join();
});
