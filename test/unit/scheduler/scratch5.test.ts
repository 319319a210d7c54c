import { it, expect } from 'vitest';
import { scenario } from '../../../src/api/scenario.js';
import { splitScenario } from '../../../src/harness/explore.js';
import { KeyTable } from '../../../src/scheduler/keys.js';
import { DporExplorer } from '../../../src/scheduler/dpor.js';
import { DfsExplorer } from '../../../src/scheduler/dfs.js';
import type { Explorer } from '../../../src/scheduler/explorer.js';
import { dependent } from '../../../src/scheduler/events.js';
import type { Rec } from '../../../src/scheduler/trace.js';
import { runExecution } from '../../../src/harness/execute.js';
import { randomProgram, programBody } from './random-programs.js';

const run = { strategy: 'random' as const, runs: 1, firstSeed: 1, stepLimit: 2000, leakStepBound: 200, shrink: false };

function lnf(keys: KeyTable, evs: readonly Rec[]): string {
  const n = evs.length;
  const id = evs.map((e) => `${keys.name(e.t)}#${e.local}${e.ch.length ? `[${e.ch}]` : ''}`);
  const preds: number[][] = evs.map(() => []);
  for (let j = 0; j < n; j++) for (let i = 0; i < j; i++) if (dependent(evs[i]!, evs[j]!)) preds[j]!.push(i);
  const done = new Array(n).fill(false);
  const out: string[] = [];
  for (let c = 0; c < n; c++) {
    let best = -1;
    for (let j = 0; j < n; j++) if (!done[j] && preds[j]!.every((p) => done[p]) && (best < 0 || id[j]! < id[best]!)) best = j;
    done[best] = true;
    out.push(id[best]!);
  }
  return out.join(' ');
}

async function drive(sc: any, ex: Explorer, keys: KeyTable, log: any, out: { traces: string[]; outcomes: Set<string> }, cap: number) {
  for (let i = 0; ; i++) {
    if (!ex.beginExecution(i)) return true;
    const r = await runExecution(sc, run, { strategy: ex, captureLocations: false, recordTrace: false });
    ex.endExecution(r);
    if (r.abandoned) continue;
    out.traces.push(lnf(keys, ex.rec.events));
    const obs = Object.keys(log.obs).sort().map((k) => `${k}=${JSON.stringify(log.obs[k])}`).join(';');
    out.outcomes.add(`${obs}|${r.findings.map((f) => f.kind).sort().join(',')}${r.error ? 'ERR' + r.error.message : ''}`);
    if (out.traces.length > cap) return false;
  }
}

it('random programs: DPOR = DFS up to equivalence', async () => {
  const seeds = Number(process.env.SEEDS ?? 30);
  const first = Number(process.env.FIRST ?? 0);
  let tested = 0;
  for (let seed = first; seed < first + seeds; seed++) {
    const prog = randomProgram(seed, { threads: 2 + (seed % 2), ops: 3, ...(process.env.KINDS && { kinds: process.env.KINDS.split(',') as any }) });
    const log = { obs: {} };
    const sc = scenario('p', programBody(prog, log));
    const keys = new KeyTable();
    const dfs = { traces: [] as string[], outcomes: new Set<string>() };
    const finished = await drive(sc, new DfsExplorer(keys, { prefix: [], sleep: [] }, false, undefined, true), keys, log, dfs, 5000);
    if (!finished) continue;
    tested++;
    const want = [...new Set(dfs.traces)].sort();
    for (const target of [1, 5, 64]) {
      const k2 = new KeyTable();
      const { tasks } = await splitScenario(sc, { run, dpor: true, all: true, maxTimeMs: 1e9, splitTarget: target }, k2);
      const got = { traces: [] as string[], outcomes: new Set<string>() };
      for (const t of tasks) await drive(sc, new DporExplorer(k2, t, false), k2, log, got, 1e9);
      const dup = got.traces.length - new Set(got.traces).size;
      const missing = want.filter((w) => !got.traces.includes(w)).length;
      const missingOutcomes = [...dfs.outcomes].filter((o) => !got.outcomes.has(o));
      if (dup || missing || missingOutcomes.length || got.traces.length !== want.length) {
        console.log('seed', seed, 'target', target, JSON.stringify(prog), 'dfs traces', want.length, 'dpor', got.traces.length, 'dup', dup, 'missing', missing, 'missing outcomes', missingOutcomes.slice(0, 3));
      }
    }
  }
  console.log('tested', tested);
}, 3000000);
