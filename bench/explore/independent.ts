// bench family: n goroutines, each on objects of its own — one trace. n from SIMCC_BENCH_N (default 4).
import { scenario, spawn, AtomicInt } from 'simcc';

const n = Number(process.env.SIMCC_BENCH_N ?? 4);

export default scenario(`${n} independent goroutines`, async () => {
  const hs = [];
  for (let i = 0; i < n; i++) {
    hs.push(
      spawn(async () => {
        const x = new AtomicInt(0);
        await x.store(1);
        await x.add(1);
      }),
    );
  }
  for (const h of hs) await h.join();
});
