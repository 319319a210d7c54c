// Bench scenario (issue 9): 100,000 goroutines alive at once, all blocked on one gate; main prints
// the process's memory while they are all parked (one JSON line on stderr), then opens the gate.
// Goal: ≤ 10 KB per live goroutine, 100,000 under 1 GB.
// N from SIMCC_BENCH_N (default 100,000). Run alone: node bin/simcc.js run bench/goroutine-memory.ts --seed 1 --step-limit 2000000 --json
import { scenario, go, yieldNow, WaitGroup } from 'simcc';

const GOROUTINES = Number(process.env.SIMCC_BENCH_N ?? 100_000);

export default scenario('bench: 100,000 live goroutines', async () => {
  const gate = new WaitGroup({ name: 'gate' });
  const done = new WaitGroup({ name: 'done' });
  await gate.add(1);
  await done.add(GOROUTINES);
  const before = process.memoryUsage();
  for (let g = 0; g < GOROUTINES; g++) {
    go(async () => {
      await gate.wait();
      await done.done();
    });
  }
  // Fair yield: main goes on once every goroutine has started (and parked at the gate).
  await yieldNow();
  const m = process.memoryUsage();
  process.stderr.write(
    JSON.stringify({ goroutines: GOROUTINES, heapUsedMB: Math.round(m.heapUsed / 2 ** 20), rssMB: Math.round(m.rss / 2 ** 20), bytesPerGoroutine: Math.round((m.heapUsed - before.heapUsed) / GOROUTINES) }) + '\n',
  );
  await gate.done();
  await done.wait();
});
