// The issue-9 part of `npm run bench` (called from bench/run.js): execution counts of `simcc explore`
// on the fair-yield family (n spinners + one setter), a timer family (n sleepers + one after) and the
// free-time worker pool, each in free and synctest time mode; and the time `explore` takes to find
// the bug of every real-bug kernel in scenarios/ (median and max). Whole processes, like the rest.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simccJson } from './simcc-json.js';

const KERNEL = /(docker|etcd|grpc|k8s|kubernetes|cockroach|istio|hugo|bilibili)-/;

export async function issue9Bench({ timeProcess, fail, SIMCC, fmtMs }) {
  const explore = async (file, extra, env = {}) => {
    const args = [SIMCC, 'explore', file, '--json', '--max-time', '60', ...extra];
    const got = await simccJson({ timeProcess, fail }, `explore ${file}`, args, env, { mustPass: false });
    if (!got) return undefined;
    const { r, doc } = got;
    return { ms: r.ms, executions: doc.executions, complete: doc.complete, kinds: [...new Set((doc.findings ?? []).map((f) => f.kind))] };
  };
  const row = (label, free, sync) => {
    const cell = (x) => (x ? `${x.executions}${x.complete ? '' : ' (incomplete)'} in ${fmtMs(x.ms).trim()}` : 'failed');
    console.log(`  ${label.padEnd(34)} free: ${cell(free).padEnd(28)} synctest: ${cell(sync)}`);
  };

  console.log('\nexplore (issue 9): executions, free vs synctest time mode');
  for (const n of [1, 2, 3]) {
    const env = { SIMCC_BENCH_N: String(n) };
    row(`fair yield: ${n} spinner(s) + setter`, await explore('bench/fair-yield.ts', [], env), await explore('bench/fair-yield.ts', ['--time', 'synctest'], env));
  }
  for (const n of [1, 2, 3]) {
    const env = { SIMCC_BENCH_N: String(n) };
    row(`timers: ${n} sleeper(s) + one after`, await explore('bench/explore/timers.ts', [], env), await explore('bench/explore/timers.ts', ['--time', 'synctest'], env));
  }
  row('worker pool with a 100 ms timeout', await explore('bench/explore/pool.ts', []), await explore('bench/explore/pool.ts', ['--time', 'synctest']));

  const root = join(SIMCC, '..', '..');
  const kernels = [];
  for (const dir of readdirSync(join(root, 'scenarios')).sort()) {
    for (const f of readdirSync(join(root, 'scenarios', dir)).sort()) {
      if (!KERNEL.test(f) || !f.endsWith('.ts')) continue;
      const text = readFileSync(join(root, 'scenarios', dir, f), 'utf8');
      if (/expect:\s*\[/.test(text)) kernels.push(join('scenarios', dir, f));
    }
  }
  const times = [];
  let missed = 0;
  for (const k of kernels) {
    const r = await explore(k, ['--max-time', '15']);
    if (!r || r.kinds.length === 0) missed++;
    else times.push(r.ms);
  }
  times.sort((a, b) => a - b);
  const median = times.length ? times[Math.floor(times.length / 2)] : NaN;
  console.log(`  real-bug kernels in scenarios/: ${kernels.length}, found ${times.length}, missed ${missed}; time to the finding (whole process) median ${fmtMs(median).trim()}, max ${fmtMs(times[times.length - 1] ?? NaN).trim()}`);
}
