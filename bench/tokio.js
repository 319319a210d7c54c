// The tokio section of `npm run bench` (called from bench/run.js, issue 11): the step rate of a task
// ping-pong over tokio mpsc channels of capacity 1 against the same ping-pong over Go channels of
// capacity 1, in the same bench run (goal: tokio ≥ 0.8× Go). Both exchange ROUNDS values each way, 4
// steps a round (two sends, two receives; a receive or send that waits takes no step). Rates leave
// out simcc's fixed cost, each flavour's own (bench/tiny.ts and bench/tiny-tokio.ts, --runs 1: the
// tokio modules take longer to load). The n! family of tokio senders is in bench/explore.js.
//
//   node bin/simcc.js run bench/ping-pong-go.ts --seed 1 --step-limit 2000000 --json
//   node bin/simcc.js run bench/ping-pong-tokio.ts --seed 1 --step-limit 2000000 --json

import { simccJson } from './simcc-json.js';

// 200,000 rounds (800,000 steps, as the mutex bench): at 50,000 the steps took about as long as simcc's
// fixed cost, and the noise of the two whole-process times it is the difference of swamped the ratio.
const ROUNDS = 200_000;
const STEPS = 4 * ROUNDS;
const GOAL = 0.8;

export async function tokioBench({ timeProcess, fail, SIMCC, fmtMs, fmtRate, repeats }) {
  const run = (file) => [SIMCC, 'run', file, '--seed', '1', '--step-limit', '2000000', '--json'];
  const files = { fixedGo: 'bench/tiny.ts', fixedTokio: 'bench/tiny-tokio.ts', go: 'bench/ping-pong-go.ts', tokio: 'bench/ping-pong-tokio.ts' };
  const best = { fixedGo: Infinity, fixedTokio: Infinity, go: Infinity, tokio: Infinity };
  console.log(`\ntokio (issue 11): ping-pong of ${fmtRate(ROUNDS)} rounds (${fmtRate(STEPS)} steps), best of ${repeats}, interleaved`);
  // Interleaved rounds, so that the machine's drift hits both alike.
  for (let i = 0; i < repeats; i++) {
    for (const k of Object.keys(files)) {
      const args = k.startsWith('fixed') ? [SIMCC, 'run', files[k], '--runs', '1', '--json'] : run(files[k]);
      const got = await simccJson({ timeProcess, fail }, `${k} ping-pong`, args, { SIMCC_BENCH_N: String(ROUNDS) });
      if (!got) return;
      best[k] = Math.min(best[k], got.r.ms);
    }
  }
  const rate = (ms, fixed) => STEPS / ((ms - fixed) / 1000);
  const goRate = rate(best.go, best.fixedGo);
  const tokioRate = rate(best.tokio, best.fixedTokio);
  console.log(`  simcc's fixed cost (--runs 1): Go bench/tiny.ts ${fmtMs(best.fixedGo)}, tokio bench/tiny-tokio.ts ${fmtMs(best.fixedTokio)}`);
  console.log(`  Go channels (capacity 1):     ${fmtMs(best.go)}  → ${fmtRate(goRate)} steps/s`);
  console.log(`  tokio mpsc (capacity 1):      ${fmtMs(best.tokio)}  → ${fmtRate(tokioRate)} steps/s`);
  const ratio = tokioRate / goRate;
  console.log(`  tokio / Go step rate: ${ratio.toFixed(2)}×  (goal ≥ ${GOAL}×: ${ratio >= GOAL ? 'met' : 'NOT met'})`);
}
