import { it } from 'vitest';
import { scenario } from '../../../src/api/scenario.js';
import { spawn } from '../../../src/api/goroutines.js';
import { AtomicInt } from '../../../src/primitives/atomic.js';
import { Mutex } from '../../../src/primitives/mutex.js';
import { exploreScenario } from '../../../src/harness/explore.js';

const run = { strategy: 'random' as const, runs: 1, firstSeed: 1, stepLimit: 10000, leakStepBound: 1000, shrink: false };
const loads = (k: number) => async () => {
  const x = new AtomicInt(0);
  const hs = [spawn(async () => { await x.store(1); })];
  for (let i = 0; i < k; i++) hs.push(spawn(async () => { await x.load(); }));
  for (const h of hs) await h.join();
};
const mutex = (n: number) => async () => {
  const mu = new Mutex();
  const c = new AtomicInt(0);
  const hs = [];
  for (let i = 0; i < n; i++) hs.push(spawn(async () => { await mu.lock(); await c.add(1); await mu.unlock(); }));
  for (const h of hs) await h.join();
};
it('perf', async () => {
  for (const [name, f, n, t] of [['loads', loads, 10, 1], ['loads', loads, 10, 64], ['mutex', mutex, 6, 1], ['mutex', mutex, 6, 64]] as const) {
    const t0 = performance.now();
    const r = await exploreScenario(scenario('t', (f as any)(n)), { run, dpor: true, all: true, maxTimeMs: 60000, splitTarget: t });
    const ms = performance.now() - t0;
    console.log(name, n, 'target', t, r.executions, 'pruned', r.pruned, r.complete, ms.toFixed(0), 'ms', (r.executions / ms * 1000).toFixed(0), '/s', 'steps', r.steps);
  }
}, 300000);
