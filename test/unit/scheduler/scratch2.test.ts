import { it } from 'vitest';
import { scenario } from '../../../src/api/scenario.js';
import { spawn } from '../../../src/api/goroutines.js';
import { AtomicInt } from '../../../src/primitives/atomic.js';
import { DporExplorer } from '../../../src/scheduler/dpor.js';
import { KeyTable } from '../../../src/scheduler/keys.js';
import { runExecution } from '../../../src/harness/execute.js';

const run = { strategy: 'random' as const, runs: 1, firstSeed: 1, stepLimit: 10000, leakStepBound: 1000, shrink: false };
const loads = (k: number) => async () => {
  const x = new AtomicInt(0);
  const hs = [spawn(async () => { await x.store(1); })];
  for (let i = 0; i < k; i++) hs.push(spawn(async () => { await x.load(); }));
  for (const h of hs) await h.join();
};
it('debug', async () => {
  const keys = new KeyTable();
  const ex = new DporExplorer(keys, { prefix: [], sleep: [] }, false);
  const sc = scenario('t', loads(Number(process.env.K ?? 2)));
  for (let i = 0; i < 200; i++) {
    if (!ex.beginExecution(i)) break;
    const r = await runExecution(sc, run, { strategy: ex, captureLocations: false, recordTrace: false });
    ex.endExecution(r);
    const evs = ex.rec.events.map((e) => `${keys.name(e.t)}${e.ch.length ? '[' + e.ch + ']' : ''}{${e.objs.map((o, j) => (e.writes[j] ? 'W' : 'R') + keys.name(o)).join(',')}}`);
    console.log(i, r.abandoned ?? 'ok', r.schedule, '\n   ', evs.join(' '));
  }
  console.log('executions', ex.executions, 'pruned', ex.pruned);
}, 60000);
