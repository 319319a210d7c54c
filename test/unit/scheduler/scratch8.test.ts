import { it } from 'vitest';
import { scenario } from '../../../src/api/scenario.js';
import { splitScenario } from '../../../src/harness/explore.js';
import { KeyTable } from '../../../src/scheduler/keys.js';
import { DporExplorer } from '../../../src/scheduler/dpor.js';
import { DfsExplorer } from '../../../src/scheduler/dfs.js';
import { dependent } from '../../../src/scheduler/events.js';
import { runExecution } from '../../../src/harness/execute.js';
import { randomProgram, programBody } from './random-programs.js';

const run = { strategy: 'random' as const, runs: 1, firstSeed: 1, stepLimit: 2000, leakStepBound: 200, shrink: false };
function show(keys: KeyTable, evs: any[]) {
  return evs.map((e) => `${keys.name(e.t)}${e.ch.length ? `[${e.ch}]` : ''}{${e.objs.map((o: number, j: number) => (e.writes[j] ? 'W' : 'R') + keys.name(o)).join(',')}}`).join(' ');
}
function lnf(keys: KeyTable, evs: any[]): string {
  const n = evs.length;
  const id = evs.map((e) => `${keys.name(e.t)}#${e.local}${e.ch.length ? `[${e.ch}]` : ''}`);
  const preds: number[][] = evs.map(() => []);
  for (let j = 0; j < n; j++) for (let i = 0; i < j; i++) if (dependent(evs[i]!, evs[j]!)) preds[j]!.push(i);
  const done = new Array(n).fill(false); const out: string[] = [];
  for (let c = 0; c < n; c++) { let best = -1; for (let j = 0; j < n; j++) if (!done[j] && preds[j]!.every((p) => done[p]) && (best < 0 || id[j]! < id[best]!)) best = j; done[best] = true; out.push(id[best]!); }
  return out.join(' ');
}
it('debug seed', async () => {
  const seed = Number(process.env.SEED);
  const prog = randomProgram(seed, { threads: 2 + (seed % 2), ops: 3 });
  console.log(JSON.stringify(prog));
  const log = { obs: {} };
  const sc = scenario('p', programBody(prog, log));
  for (const mode of ['dfs', 'dpor']) {
    const keys = new KeyTable();
    const ex = mode === 'dfs' ? new DfsExplorer(keys, { prefix: [], sleep: [] }, false, undefined, true) : new DporExplorer(keys, { prefix: [], sleep: [] }, false);
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      if (!ex.beginExecution(i)) break;
      const r = await runExecution(sc, run, { strategy: ex, captureLocations: false, recordTrace: false });
      ex.endExecution(r);
      if (r.abandoned) { if (mode === 'dpor') console.log('  abandoned', r.abandoned); continue; }
      const l = lnf(keys, ex.rec.events);
      if (mode === 'dpor' || !seen.has(l)) console.log(mode, r.schedule, r.findings.map((f) => f.kind).join(), '\n   ', show(keys, ex.rec.events), '\n    pending', show(keys, ex.rec.pendingAtEnd), 'trunc', ex.rec.truncated);
      seen.add(l);
    }
  }
}, 60000);
