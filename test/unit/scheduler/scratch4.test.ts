import { it } from 'vitest';
import { scenario } from '../../../src/api/scenario.js';
import { spawn } from '../../../src/api/goroutines.js';
import { AtomicInt } from '../../../src/primitives/atomic.js';
import { splitScenario, exploreTask } from '../../../src/harness/explore.js';
import { KeyTable } from '../../../src/scheduler/keys.js';
import { DporExplorer } from '../../../src/scheduler/dpor.js';
import { runExecution } from '../../../src/harness/execute.js';

const run = { strategy: 'random' as const, runs: 1, firstSeed: 1, stepLimit: 10000, leakStepBound: 1000, shrink: false };
const loads = (k: number) => async () => {
  const x = new AtomicInt(0);
  const hs = [spawn(async () => { await x.store(1); })];
  for (let i = 0; i < k; i++) hs.push(spawn(async () => { await x.load(); }));
  for (const h of hs) await h.join();
};
it('split debug', async () => {
  const keys = new KeyTable();
  const sc = scenario('t', loads(3));
  const opts = { run, dpor: true, all: true, maxTimeMs: 60000, splitTarget: 12 };
  const { tasks } = await splitScenario(sc, opts, keys);
  const nm = (e: any) => keys.name(e.t) + (e.ch.length ? `[${e.ch}]` : '');
  for (const [i, t] of tasks.entries()) {
    const ex = new DporExplorer(keys, t, false);
    const lines: string[] = [];
    for (let j = 0; ; j++) {
      if (!ex.beginExecution(j)) break;
      const r = await runExecution(sc, run, { strategy: ex, captureLocations: false, recordTrace: false });
      ex.endExecution(r);
      const evs = ex.rec.events.map((e) => keys.name(e.t) + (e.objs.some((o) => keys.name(o) === '0#0') ? (e.writes[e.objs.findIndex((o) => keys.name(o) === '0#0')] ? '!W' : '!R') : ''));
      lines.push(`   ${r.abandoned ? 'ABANDON ' + r.abandoned : 'ok'} ${evs.slice(t.prefix.length).join(' ')}`);
    }
    console.log(`task ${i}: prefix ${t.prefix.map(nm).join(' ')} | sleep ${t.sleep.map(nm).join(',')} | exec ${ex.executions}\n${lines.join('\n')}`);
  }
}, 60000);
