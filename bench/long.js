// The long-execution section of `npm run bench` (called from bench/run.js): issue 9's fault injection
// under `simcc run`, whole processes, best of `repeats`, each checked to end in the expected finding
// (never a scenario error):
//
//   20,000 yields × 2 goroutines, then a race      (test/fixtures/long/yields-then-race.ts), shrunk and --no-shrink
//   a race after 1,000,000 steps                     (test/fixtures/long/million-steps-race.ts)
//   100,000 steps of livelock, ending in step-limit  (test/fixtures/long/step-limit.ts)
//
// Before (landed main, issue 9): 17–20 s and a false "synchronous loop" error; nothing within 60 s; 5.5 s.
// Goal: the report of a million-step execution in a few seconds, a step-limit execution costing no more than
// its steps. Shrinking is bounded (harness/shrink.ts: 2,000,000 steps, 500 executions, 5 s).

import { loadavg } from 'node:os';

const CASES = [
  { label: '20,000 yields ×2, then a race', file: 'test/fixtures/long/yields-then-race.ts', extra: [], kind: 'data-race' },
  { label: '  the same, --no-shrink', file: 'test/fixtures/long/yields-then-race.ts', extra: ['--no-shrink'], kind: 'data-race' },
  { label: '1,000,000-step race', file: 'test/fixtures/long/million-steps-race.ts', extra: [], kind: 'data-race' },
  { label: '100,000-step step-limit', file: 'test/fixtures/long/step-limit.ts', extra: [], kind: 'step-limit' },
];

export async function longBench({ timeProcess, fail, SIMCC, fmtMs, repeats }) {
  console.log(`\nlong executions under \`simcc run\` (best of ${repeats}, whole processes; load average ${loadavg()[0].toFixed(1)}):`);
  for (const c of CASES) {
    const args = [SIMCC, 'run', c.file, '--seed', '1', '--json', ...c.extra];
    let best;
    let shrunk;
    for (let i = 0; i < repeats; i++) {
      const r = await timeProcess(args);
      let doc;
      try {
        doc = JSON.parse(r.stdout);
      } catch {
        doc = undefined;
      }
      const kinds = doc?.findings?.map((f) => f.kind).join(',');
      if (!doc || doc.error || r.code !== 1 || kinds !== c.kind) {
        fail(c.label, args, r, doc ? `exit ${r.code}, findings [${kinds}]${doc.error ? `, error: ${doc.error.message}` : ''}` : `exit ${r.code}; stdout is not one JSON document`);
        best = undefined;
        break;
      }
      best = Math.min(best ?? Infinity, r.ms);
      shrunk = doc.findings[0].shrunk;
    }
    if (best === undefined) continue;
    const how = shrunk
      ? `shrunk ${shrunk.from.steps} steps/${shrunk.from.preemptions} preemptions → ${shrunk.to.steps}/${shrunk.to.preemptions} in ${shrunk.replays} replays`
      : 'not shrunk';
    console.log(`  ${c.label.padEnd(32)} ${fmtMs(best)}   ${c.kind}, ${how}`);
  }
}
