import { it } from 'vitest';
import { scenario } from '../../../src/api/scenario.js';
import { spawn } from '../../../src/api/goroutines.js';
import { AtomicInt } from '../../../src/primitives/atomic.js';
import { exploreScenario } from '../../../src/harness/explore.js';

const run = { strategy: 'random' as const, runs: 1, firstSeed: 1, stepLimit: 10000, leakStepBound: 1000, shrink: false };
const loads = (k: number) => async () => {
  const x = new AtomicInt(0);
  const hs = [spawn(async () => { await x.store(1); })];
  for (let i = 0; i < k; i++) hs.push(spawn(async () => { await x.load(); }));
  for (const h of hs) await h.join();
};
it('split sizes', async () => {
  for (const k of [2, 3, 4]) for (const t of [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64]) {
    const r = await exploreScenario(scenario('t', loads(k)), { run, dpor: true, all: true, maxTimeMs: 60000, splitTarget: t });
    if (r.executions !== 2 ** k) console.log('k', k, 'target', t, 'exec', r.executions, 'tasks', r.tasks.total, 'pruned', r.pruned);
  }
}, 60000);
