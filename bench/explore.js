// The `simcc explore` section of `npm run bench` (called from bench/run.js): on families whose trace
// counts are known, DPOR's executions (which must equal the traces) next to plain DFS's (--no-dpor),
// each with its time; executions per second; and the speed-up of --workers 2 over one worker on a
// large exploration (goal ≥ 1.7×); and under --preemption-bound K, bounded POR's executions next to the
// bounded DFS's. Whole processes, like the rest of the bench; executions per second
// leave out simcc's fixed cost (an exploration of one execution).

import { loadavg } from 'node:os';
import { simccJson } from './simcc-json.js';

const factorial = (n) => (n <= 1 ? 1 : n * factorial(n - 1));

/** Trace counts: known formulas. */
const FAMILIES = [
  { name: 'k atomic loads, 1 store', file: 'bench/explore/loads.ts', small: 3, large: 10, traces: (n) => 2 ** n, formula: '2^k' },
  { name: 'n stores, one location', file: 'bench/explore/stores.ts', small: 3, large: 6, traces: factorial, formula: 'n!' },
  { name: 'n critical sections', file: 'bench/explore/sections.ts', small: 3, large: 6, traces: factorial, formula: 'n!' },
  { name: 'n independent goroutines', file: 'bench/explore/independent.ts', small: 3, large: 8, traces: () => 1, formula: '1' },
  { name: 'n senders, 1 receiver', file: 'bench/explore/senders.ts', small: 3, large: 6, traces: factorial, formula: 'n!' },
  // The Rust flavour: atomics under the memory model, where a load's read-from is a scheduling choice.
  { name: 'rust: n × fetchAdd(SeqCst)', file: 'bench/explore/rust-fetch-add.ts', small: 3, large: 6, traces: factorial, formula: 'n!' },
  { name: 'rust: k Relaxed loads, 1 store', file: 'bench/explore/rust-relaxed-loads.ts', small: 3, large: 10, traces: (k) => ((k + 1) * (k + 2)) / 2, formula: '(k+1)(k+2)/2' },
  // n = 0: Relaxed (8 read-from traces, 4 outcomes); n = 1: SeqCst (3 traces, 3 outcomes).
  { name: 'rust: store buffering', file: 'bench/explore/rust-store-buffering.ts', small: 0, large: 1, traces: (n) => (n === 0 ? 8 : 3), formula: 'Relaxed 8, SeqCst 3' },
  // tokio: n tasks each send once on mpsc channel(1) to one receiver (a full send waits without a step).
  { name: 'tokio: n senders on channel(1)', file: 'bench/explore/tokio-senders.ts', small: 3, large: 6, traces: factorial, formula: 'n!' },
];
const DFS_CAP = 20_000;
const WORKERS_FILE = 'bench/explore/sections.ts';
const WORKERS_N = 8;
const SPEEDUP_GOAL = 1.7;

export async function exploreBench({ timeProcess, fail, SIMCC, fmtMs, fmtRate, repeats }) {
  const explore = async (file, n, extra, label) => {
    const args = [SIMCC, 'explore', file, '--json', '--max-time', '600', ...extra];
    const got = await simccJson({ timeProcess, fail }, label, args, { SIMCC_BENCH_N: String(n) });
    if (!got) return undefined;
    const { r, doc } = got;
    return { ms: r.ms, executions: doc.executions, complete: doc.complete, findings: JSON.stringify(doc.findings) };
  };

  console.log('\nexplore: DPOR against plain DFS (--no-dpor), whole processes');
  const base = await explore('bench/explore/independent.ts', 1, [], 'explore fixed cost');
  const fixed = base ? base.ms : 0;
  if (base) console.log(`  fixed cost (an exploration of one execution): ${fmtMs(fixed)}`);
  const rate = (x) => (x.ms > fixed ? fmtRate(x.executions / ((x.ms - fixed) / 1000)) : '-');
  console.log(`  ${'family'.padEnd(32)} ${'n'.padStart(2)} ${'traces'.padStart(7)}   ${'DPOR'.padStart(7)} ${'time'.padStart(9)} ${'exec/s'.padStart(7)}   ${'DFS'.padStart(14)} ${'time'.padStart(9)} ${'exec/s'.padStart(7)}`);
  let allExact = true;
  for (const f of FAMILIES) {
    for (const n of [f.small, f.large]) {
      const label = `${f.name} n=${n}`;
      const dpor = await explore(f.file, n, [], `${label} (dpor)`);
      const dfs = await explore(f.file, n, ['--no-dpor', '--max-executions', String(DFS_CAP)], `${label} (dfs)`);
      const traces = f.traces(n);
      if (!dpor) continue;
      const exact = dpor.complete && dpor.executions === traces;
      if (!exact) allExact = false;
      const dfsText = dfs ? `${dfs.complete ? '' : '≥'}${fmtRate(dfs.executions)}${dfs.complete ? '' : ' (cut)'}` : 'failed';
      console.log(
        `  ${(n === f.small ? f.name : '').padEnd(32)} ${String(n).padStart(2)} ${fmtRate(traces).padStart(7)}   ${fmtRate(dpor.executions).padStart(7)} ${fmtMs(dpor.ms)} ${rate(dpor).padStart(7)}   ${dfsText.padStart(14)} ${dfs ? fmtMs(dfs.ms) : ''.padStart(9)} ${dfs ? rate(dfs).padStart(7) : ''}${exact ? '' : '   ✗ executions ≠ traces'}`,
      );
    }
  }
  console.log(allExact ? '  DPOR: executions = traces on every family, every exploration complete' : '  DPOR: NOT one execution per trace on some family (✗ above)');

  // --preemption-bound K: bounded POR (scheduler/bounded-dpor.ts) against the bounded DFS (--no-dpor).
  console.log('\nexplore --preemption-bound K: bounded POR against the bounded DFS (--no-dpor), executions, n = 4');
  console.log(`  ${'family'.padEnd(32)} ${'K = 0'.padStart(15)} ${'K = 1'.padStart(15)} ${'K = 2'.padStart(15)}`);
  for (const f of FAMILIES.slice(0, 5)) {
    const cells = [];
    for (const k of [0, 1, 2]) {
      const por = await explore(f.file, 4, ['--no-probes', '--preemption-bound', String(k)], `${f.name} K=${k} (bounded POR)`);
      const dfs = await explore(f.file, 4, ['--no-probes', '--preemption-bound', String(k), '--no-dpor'], `${f.name} K=${k} (bounded DFS)`);
      cells.push(por && dfs ? `${fmtRate(por.executions)} / ${fmtRate(dfs.executions)}` : 'failed');
    }
    console.log(`  ${f.name.padEnd(32)} ${cells.map((c) => c.padStart(15)).join(' ')}`);
  }

  // What two threads can do on this machine at all: a promise-heavy loop (like simcc's executions) in
  // one worker thread, then in two at once. The speed-up of --workers 2 cannot exceed this.
  const machine = async (threads) => {
    const r = await timeProcess(['bench/parallel-probe.js', String(threads)]);
    return r.code === 0 ? r.ms : undefined;
  };
  const one = await machine(1);
  const two = await machine(2);
  if (one !== undefined && two !== undefined) {
    console.log(`\nthis machine: 2 threads of a promise-heavy loop do ${(2 * one / two).toFixed(2)}× the work of 1 in the same time (the ceiling for --workers 2)`);
  }

  // Timings of two threads are only meaningful on an otherwise idle machine: say how busy it was. The
  // ratio of two timings is noisier than either: at least 3 rounds, one worker and two alternating.
  const load = () => loadavg()[0].toFixed(2);
  const rounds = Math.max(repeats, 3);
  console.log(`\nexplore --workers: ${WORKERS_FILE} with n=${WORKERS_N} (${fmtRate(factorial(WORKERS_N))} executions), best of ${rounds} (load average ${load()} before)`);
  const best = { 1: Infinity, 2: Infinity };
  let first; // what --workers 1 found first: every run must find the same
  for (let i = 0; i < rounds; i++) {
    for (const w of [1, 2]) {
      const r = await explore(WORKERS_FILE, WORKERS_N, ['--workers', String(w)], `--workers ${w}`);
      if (!r) return;
      if (r.executions !== factorial(WORKERS_N) || !r.complete) {
        console.log(`  --workers ${w}: ${r.executions} executions, complete ${r.complete} — expected ${factorial(WORKERS_N)}, complete`);
        process.exitCode = 1;
      }
      const result = `${r.executions} ${r.complete} ${r.findings}`;
      first ??= result;
      if (result !== first) {
        console.log(`  --workers ${w}: a different result from --workers 1 (executions, complete, findings)`);
        process.exitCode = 1;
      }
      console.log(`  --workers ${w}  run ${i + 1}: ${fmtMs(r.ms)}`);
      best[w] = Math.min(best[w], r.ms);
    }
  }
  console.log(`  load average ${load()} after`);
  const speedup = best[1] / best[2];
  const exec = factorial(WORKERS_N);
  console.log(`  --workers 1: ${fmtMs(best[1])} (${fmtRate(exec / ((best[1] - fixed) / 1000))} exec/s)   --workers 2: ${fmtMs(best[2])} (${fmtRate(exec / ((best[2] - fixed) / 1000))} exec/s)`);
  console.log(`  speed-up of --workers 2: ${speedup.toFixed(2)}× whole process, ${((best[1] - fixed) / (best[2] - fixed)).toFixed(2)}× less the fixed cost (goal ≥ ${SPEEDUP_GOAL}×: ${speedup >= SPEEDUP_GOAL ? 'met' : 'NOT met'})`);
}
