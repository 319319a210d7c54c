/**
 * Helpers for the explorer tests: run an explorer over a scenario in-process, and count Mazurkiewicz
 * traces by brute force (every execution of plain DFS, each reduced to its lexicographic normal form
 * under the explorers' dependence) — the oracle DPOR's execution count is checked against. Executions
 * cut short by a finding are compared by what they show (findings and observations), not by form: the
 * explorers do not run every order of the independent steps that could have come before the finding.
 */
import { expect } from 'vitest';
import type { Scenario } from '../../../src/api/scenario.js';
import { runExecution } from '../../../src/harness/execute.js';
import { splitScenario, type ExploreOptions } from '../../../src/harness/explore.js';
import type { RunOptions } from '../../../src/harness/types.js';
import { DfsExplorer } from '../../../src/scheduler/dfs.js';
import { DporExplorer } from '../../../src/scheduler/dpor.js';
import { dependent, endedByStep } from '../../../src/scheduler/events.js';
import type { Explorer } from '../../../src/scheduler/explorer.js';
import { KeyTable } from '../../../src/scheduler/keys.js';
import type { Rec } from '../../../src/scheduler/trace.js';

export const RUN: RunOptions = { strategy: 'dpor', runs: 1, firstSeed: 1, stepLimit: 5000, leakStepBound: 500, shrink: false };

export function exploreOptions(extra: Partial<ExploreOptions> = {}): ExploreOptions {
  return { run: RUN, dpor: true, all: true, maxTimeMs: 120_000, ...extra };
}

/** The lexicographic normal form of a recorded execution: equal exactly for equivalent executions. */
export function normalForm(keys: KeyTable, events: readonly Rec[]): string {
  const n = events.length;
  // A step is named by its goroutine, its index, its answers and its operation's footprint: one
  // goroutine's n-th step may be its own operation or the completion of one a partner did for it.
  const id = events.map((e) => `${keys.name(e.t)}#${e.local}${e.ch.length ? `[${e.ch.join(',')}]` : ''}{${e.objs.slice(0, e.foot).map((o) => keys.name(o)).join(' ')}}`);
  const preds: number[][] = events.map(() => []);
  for (let j = 0; j < n; j++) for (let i = 0; i < j; i++) if (dependent(events[i]!, events[j]!)) preds[j]!.push(i);
  const done: boolean[] = new Array<boolean>(n).fill(false);
  const out: string[] = [];
  for (let c = 0; c < n; c++) {
    let best = -1;
    for (let j = 0; j < n; j++) {
      if (done[j] || !preds[j]!.every((p) => done[p])) continue;
      if (best < 0 || id[j]! < id[best]!) best = j;
    }
    done[best] = true;
    out.push(id[best]!);
  }
  return out.join(' ');
}

export interface Explored {
  /**
   * Normal forms of the executions that ended by themselves (not cut short by a finding), in order; for
   * brute force, only those no late timer made redundant (Explorer.redundantWhy): DPOR drops the others.
   */
  forms: string[];
  /** Brute force: the executions a late timer made redundant (Explorer.redundantWhy). */
  redundant: number;
  /** What each explored execution observed (the caller's `outcome`), with its findings. */
  outcomes: Outcome[];
  /** Executions cut short by a finding (their orders of independent steps are not all explored). */
  cut: number;
  pruned: number;
  /** False when `cap` executions were reached first. */
  finished: boolean;
}

export interface Outcome {
  /** Per goroutine, what it observed in order. */
  seen: Record<string, unknown[]>;
  findings: string;
}

/**
 * Does `a` show everything `b` does? Same findings, and each goroutine saw in `b` a prefix of what it saw
 * in `a` (an execution cut short by a finding earlier shows less, never something else).
 */
export function covers(a: Outcome, b: Outcome): boolean {
  if (a.findings !== b.findings) return false;
  return Object.entries(b.seen).every(([k, ys]) => {
    const xs = a.seen[k] ?? [];
    return ys.length <= xs.length && ys.every((y, i) => JSON.stringify(y) === JSON.stringify(xs[i]));
  });
}

/** Drive an explorer to its end (or `cap` executions), recording each execution's normal form and outcome. */
export async function drive(scenario: Scenario, explorer: Explorer, keys: KeyTable, seen: () => Record<string, unknown[]>, cap = Infinity, run = RUN): Promise<Explored> {
  const out: Explored = { forms: [], redundant: 0, outcomes: [], cut: 0, pruned: 0, finished: true };
  for (let i = 0; ; i++) {
    if (!explorer.beginExecution(i)) return out;
    const r = await runExecution(scenario, run, { strategy: explorer, captureLocations: false, recordTrace: false });
    explorer.endExecution(r);
    if (r.abandoned) {
      out.pruned++;
      continue;
    }
    const redundant = explorer instanceof MarkingDfs && explorer.marked;
    if (redundant) out.redundant++;
    if (endedByStep(r, explorer.rec.truncated)) out.cut++;
    else if (!redundant) out.forms.push(normalForm(keys, explorer.rec.events));
    const findings = [...r.findings.map((f) => f.kind)].sort().join(',') + (r.error ? ` error: ${r.error.message}` : '');
    out.outcomes.push({ seen: structuredClone(seen()), findings });
    if (out.forms.length + out.cut >= cap) {
      out.finished = false;
      return out;
    }
  }
}

/** Plain DFS that runs every execution and tells the ones a late timer made redundant (DPOR drops those). */
class MarkingDfs extends DfsExplorer {
  get marked(): boolean {
    return this.redundantWhy !== null;
  }
}

/**
 * Brute force: every schedule (plain DFS), as the set of distinct normal forms and outcomes. The forms
 * leave out the executions a late timer made redundant; their outcomes are kept (DPOR must show them too).
 */
export async function bruteForce(scenario: Scenario, seen: () => Record<string, unknown[]> = () => ({}), cap = 50_000): Promise<Explored | null> {
  const keys = new KeyTable();
  const r = await drive(scenario, new MarkingDfs(keys, { prefix: [], sleep: [] }, false, undefined, true), keys, seen, cap);
  return r.finished ? r : null;
}

/** DPOR, split into about `target` tasks explored one after the other. */
export async function dporSplit(scenario: Scenario, target: number, seen: () => Record<string, unknown[]> = () => ({})): Promise<Explored> {
  const keys = new KeyTable();
  const { tasks } = await splitScenario(scenario, exploreOptions({ splitTarget: target }), keys);
  const all: Explored = { forms: [], redundant: 0, outcomes: [], cut: 0, pruned: 0, finished: true };
  for (const task of tasks) {
    const r = await drive(scenario, new DporExplorer(keys, task, false), keys, seen);
    all.forms.push(...r.forms);
    all.outcomes.push(...r.outcomes);
    all.cut += r.cut;
    all.pruned += r.pruned;
  }
  return all;
}

/** What each thread logged in one execution. */
export type Log = Record<string, unknown[]>;

/**
 * A program for the differential tests: a scenario (made by `make`, a flavour's `scenario`) whose body
 * logs what each thread saw through `see`, and `log()`, that log sorted by thread (which thread logged
 * first is not part of the outcome).
 */
export function loggedProgram(
  make: (name: string, body: () => Promise<unknown>) => Scenario,
  name: string,
  body: (see: (who: string, v: unknown) => void) => Promise<unknown>,
): { s: Scenario; log: () => Log } {
  let log: Log = {};
  const s = make(name, async () => {
    log = {};
    await body((who, v) => void (log[who] ??= []).push(v));
  });
  return { s, log: () => Object.fromEntries(Object.entries(log).sort(([a], [b]) => (a < b ? -1 : 1))) };
}

/** The distinct outcomes, as sorted JSON: equal exactly when two explorations saw the same outcomes. */
export const outcomeSet = (os: Outcome[]): string[] => [...new Set(os.map((o) => JSON.stringify(o)))].sort();

/**
 * The seeds `from` … `from + count - 1` of a differential test, less `oracleGivesUp`: the programs whose
 * brute force needs more executions than its cap. Those checked nothing (the test returned without an
 * assertion) and cost most of the test's time, brute force running to its cap each time; the test now
 * asserts that brute force finishes, so a kept program that grows past the cap fails instead of passing.
 */
export function seedsBruteForceFinishes(from: number, count: number, oracleGivesUp: readonly number[]): number[] {
  return Array.from({ length: count }, (_, i) => from + i).filter((seed) => !oracleGivesUp.includes(seed));
}

/** Brute force that must finish within `cap` executions: a differential test whose oracle gave up checks nothing. */
export async function finishedBruteForce(scenario: Scenario, seen: () => Record<string, unknown[]>, cap: number): Promise<Explored> {
  const brute = await bruteForce(scenario, seen, cap);
  expect(brute, `brute force needs more than ${cap} executions on ${scenario.name}: too big to be an oracle`).not.toBeNull();
  return brute!;
}

/**
 * DPOR, split into 1 and into 8 tasks, against brute force: exactly brute force's traces, each once, and
 * exactly its outcomes. Brute force must finish within `cap` executions.
 */
export async function expectExactlyBruteForce(s: Scenario, seen: () => Record<string, unknown[]>, cap: number): Promise<void> {
  const brute = await finishedBruteForce(s, seen, cap);
  for (const target of [1, 8]) {
    const d = await dporSplit(s, target, seen);
    expect(new Set(d.forms).size).toBe(d.forms.length);
    expect([...d.forms].sort()).toEqual([...new Set(brute.forms)].sort());
    expect(outcomeSet(d.outcomes)).toEqual(outcomeSet(brute.outcomes));
  }
}

