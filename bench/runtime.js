// The runtime section of `npm run bench` (called from bench/run.js, issue 9): per-step cost against
// the number of live goroutines, memory per live goroutine, yields, and the fair-yield family under
// `run`. Whole processes, like the rest of the bench; figures, not pass/fail (exit 1 only when a
// measured process fails).
//
//   node bin/simcc.js run bench/live-goroutines.ts --seed 1 --json        10,000 live × 10 steps (goal < 1 s)
//   SIMCC_BENCH_N=100000 node bin/simcc.js run bench/goroutine-memory.ts  memory (goal ≤ 10 KB each, < 1 GB)
//   SIMCC_BENCH_N=1000 node bin/simcc.js run bench/yield-once.ts --runs 1 1,000 goroutines yielding once
//   SIMCC_BENCH_N=n node bin/simcc.js run bench/fair-yield.ts --runs 200  n spinners + one setter

import { simccJson } from './simcc-json.js';

const MEMORY_N = 100_000;
const MEMORY_GOAL_BYTES = 10 * 1024;
const SPINNERS = [1, 2, 4, 8];
const SPIN_RUNS = 200;

export async function runtimeBench({ timeProcess, fail, SIMCC, fmtMs, repeats }) {
  /** Best wall time of `repeats` runs of a `simcc run --json` that must pass; undefined when one fails. */
  const best = async (label, args, env = {}) => {
    let ms = Infinity;
    let last;
    for (let i = 0; i < repeats; i++) {
      const got = await simccJson({ timeProcess, fail }, label, args, env);
      if (!got) return undefined;
      ms = Math.min(ms, got.r.ms);
      last = got;
    }
    return { ms, ...last };
  };
  const run = (file, ...extra) => [SIMCC, 'run', file, '--json', '--sync-timeout', '600000', ...extra];

  console.log('\nruntime (issue 9): per-step cost and live goroutines');
  const one = await best('tiny --runs 1', run('bench/tiny.ts', '--runs', '1'));
  const fixed = one?.ms;
  if (fixed !== undefined) console.log(`  simcc's fixed cost (bench/tiny.ts --runs 1):            ${fmtMs(fixed)}`);

  const live = await best('10,000 live goroutines', run('bench/live-goroutines.ts', '--seed', '1', '--step-limit', '1000000'));
  if (live) {
    const net = fixed !== undefined ? `, ${fmtMs(live.ms - fixed).trim()} less the fixed cost` : '';
    console.log(`  10,000 live goroutines × 10 steps (100,000 steps):       ${fmtMs(live.ms)}  (goal < 1 s for the execution${net})`);
  }

  const mem = await best(`${MEMORY_N} live goroutines`, run('bench/goroutine-memory.ts', '--seed', '1', '--step-limit', '2000000'), {
    SIMCC_BENCH_N: String(MEMORY_N),
  });
  if (mem) {
    const line = mem.r.stderr.split('\n').find((l) => l.startsWith('{"goroutines"'));
    const m = line ? JSON.parse(line) : undefined;
    if (m) {
      const ok = m.bytesPerGoroutine <= MEMORY_GOAL_BYTES && m.rssMB < 1024;
      console.log(
        `  ${MEMORY_N.toLocaleString('en-US')} live goroutines: heap ${m.heapUsedMB} MB, rss ${m.rssMB} MB, ${m.bytesPerGoroutine} bytes each  ` +
          `(goal ≤ 10 KB each, < 1 GB: ${ok ? 'met' : 'NOT met'}); the whole execution ${fmtMs(mem.ms).trim()}`,
      );
    } else console.log(`  ${MEMORY_N} live goroutines: no memory line on stderr`);
  }

  const yields = await best('1,000 goroutines yielding once', run('bench/yield-once.ts', '--runs', '1'), { SIMCC_BENCH_N: '1000' });
  if (yields) console.log(`  1,000 goroutines yielding once (--runs 1):                ${fmtMs(yields.ms)}  (was 3.5 s before fair yields)`);

  console.log(`  fair-yield family: n spinners + one setter, run --runs ${SPIN_RUNS} (every execution must end, no step-limit):`);
  for (const n of SPINNERS) {
    const r = await best(`fair-yield n=${n}`, run('bench/fair-yield.ts', '--runs', String(SPIN_RUNS)), { SIMCC_BENCH_N: String(n) });
    if (r) console.log(`    n = ${n}: ${fmtMs(r.ms)}  ${r.doc.executions} executions, ${r.doc.findings.length} findings`);
  }
}
