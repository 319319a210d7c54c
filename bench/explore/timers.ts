// bench family (issue 9): n goroutines each sleep once (1, 2, … n ms), and main waits on one
// `after` (n + 1 ms) before joining them. In free time mode a firing commutes with every step that
// neither reads the clock nor touches what it wakes; each sleep still reads the clock (a goroutine
// may be stalled past an earlier timer before it sleeps), so free mode has more traces than synctest.
// n from SIMCC_BENCH_N (default 2).
import { scenario, spawn, sleep, after } from 'simcc';

const n = Number(process.env.SIMCC_BENCH_N ?? 2);

export default scenario(`${n} sleepers and one after`, async () => {
  const hs = [];
  for (let i = 0; i < n; i++) hs.push(spawn(() => sleep(i + 1), `sleeper-${i}`));
  await after(n + 1).recv();
  for (const h of hs) await h.join();
});
