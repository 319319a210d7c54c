// bench family: n critical sections on one Mutex, each a read-modify-write of a shared variable —
// n! traces (the order the lock is taken). n from SIMCC_BENCH_N (default 5).
import { scenario, spawn, Mutex, shared } from 'simcc';

const n = Number(process.env.SIMCC_BENCH_N ?? 5);

export default scenario(`${n} critical sections`, async () => {
  const mu = new Mutex();
  const count = shared('count', 0);
  const hs = [];
  for (let i = 0; i < n; i++) {
    hs.push(
      spawn(async () => {
        await mu.lock();
        await count.update((v) => v + 1);
        await mu.unlock();
      }),
    );
  }
  for (const h of hs) await h.join();
});
