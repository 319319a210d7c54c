/**
 * The time budget of `explore` (harness/explore-budget.ts): its moments come in order and inside the
 * budget; BudgetGuard cuts an execution in flight (abandoned, not reported) once its stop time has
 * passed or the exploration is cancelled, and answers exactly as the strategy it wraps otherwise; a task
 * whose stop time has passed ends with `stopped: 'max-time'`; and a merge of results cut by time keeps
 * every finding any task made (a bug found is found), incomplete.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../../../src/api/scenario.js';
import { spawn } from '../../../src/api/goroutines.js';
import { AtomicInt } from '../../../src/primitives/go/atomic.js';
import { BudgetGuard, budgetMoments, shrinkMsLeft, MIN_SHRINK_MS } from '../../../src/harness/explore-budget.js';
import { runExecution } from '../../../src/harness/execute.js';
import { exploreTask, mergeTasks, splitScenario, type ExploreOptions, type FoundFinding, type TaskResult } from '../../../src/harness/explore.js';
import { RandomStrategy } from '../../../src/scheduler/random.js';
import { KeyTable } from '../../../src/scheduler/keys.js';
import { sections } from '../scheduler/families.js';

const RUN = { strategy: 'dpor', runs: 1, firstSeed: 1, stepLimit: 100_000, leakStepBound: 500, shrink: false } as const;

/** Two goroutines, one of which takes `n` steps. */
const counting = (n: number) =>
  scenario(`count to ${n}`, async () => {
    const x = new AtomicInt(0);
    const a = spawn(async () => {
      for (let i = 0; i < n; i++) await x.add(1);
    });
    const b = spawn(() => x.load());
    await a.join();
    await b.join();
  });

describe('budgetMoments', () => {
  it('stop, finish and the hard stop come in that order, all before the budget ends', () => {
    for (const ms of [100, 1000, 4000, 15_000, 60_000, 3_600_000]) {
      const m = budgetMoments(1000, ms);
      expect(m.stopAt).toBeGreaterThan(1000);
      expect(m.stopAt).toBeLessThan(m.finishBy);
      expect(m.finishBy).toBeLessThan(m.hardAt);
      expect(m.hardAt).toBeLessThan(1000 + ms);
    }
  });

  it('no shrinking budget once the finish time is (nearly) reached', () => {
    const now = performance.now();
    expect(shrinkMsLeft({ stopAt: now, finishBy: now + MIN_SHRINK_MS / 2 })).toBe(0);
    expect(shrinkMsLeft({ stopAt: now, finishBy: now + 10_000 })).toBeGreaterThan(9_000);
  });
});

describe('BudgetGuard', () => {
  it('answers as the strategy it wraps while time is left', async () => {
    const s = counting(50);
    const plain = new RandomStrategy(7, 1);
    plain.beginExecution(0);
    const a = await runExecution(s, RUN, { strategy: plain, seed: 7, captureLocations: false, recordTrace: false });
    const guard = new BudgetGuard(new RandomStrategy(7, 1), Infinity);
    guard.beginExecution(0);
    const b = await runExecution(s, RUN, { strategy: guard, seed: 7, captureLocations: false, recordTrace: false });
    expect(guard.cut).toBe(false);
    expect(b.schedule).toBe(a.schedule);
    expect(b.steps).toBe(a.steps);
  });

  it('cuts an execution in flight once its stop time has passed, or when cancelled', async () => {
    const s = counting(5000);
    for (const [stopAt, cancelled] of [[performance.now() - 1, undefined], [Infinity, () => true]] as const) {
      const guard = new BudgetGuard(new RandomStrategy(1, 1), stopAt, cancelled);
      guard.beginExecution(0);
      const r = await runExecution(s, RUN, { strategy: guard, captureLocations: false, recordTrace: false });
      expect(guard.cut).toBe(true);
      expect(r.abandoned).toBeDefined();
      expect(r.findings).toEqual([]);
      expect(r.steps).toBeLessThan(5000);
    }
  });

  it('a task whose stop time has passed stops with max-time, incomplete', async () => {
    const s = sections(4);
    const opts: ExploreOptions = { run: RUN, dpor: true, all: false, maxTimeMs: 60_000 };
    const keys = new KeyTable();
    const { tasks } = await splitScenario(s, opts, keys);
    const past = performance.now() - 1;
    const r = await exploreTask(s, opts, keys, tasks[0]!, 0, { deadlines: { stopAt: past, finishBy: past } });
    expect(r).toMatchObject({ complete: false, stopped: 'max-time', executions: 0 });
  });
});

describe('merging results cut by time', () => {
  const finding = (execution: number, place: string): FoundFinding => ({
    execution,
    place,
    phase: 'dpor',
    finding: { kind: 'assertion', message: place, threads: [], locations: [place], schedule: '0', step: 1 },
  });
  const result = (position: number, executions: number, extra: Partial<TaskResult> = {}): TaskResult => ({
    position,
    executions,
    pruned: 0,
    steps: 10 * executions,
    maxDepth: 10,
    complete: true,
    cut: false,
    findings: [],
    ...extra,
  });

  it('keeps the findings of tasks after the one the budget cut, and counts every execution; incomplete', () => {
    const results = [result(0, 5, { complete: false, stopped: 'max-time' }), undefined, result(2, 3, { complete: false, stopped: 'finding', findings: [finding(2, 'a.ts:1:1')] })];
    const s = mergeTasks(results, { all: false });
    expect(s).toMatchObject({ complete: false, stoppedBy: 'max-time', executions: 8, explored: 1 });
    expect(s.findings.map((f) => f.place)).toEqual(['a.ts:1:1']);
    expect(s.foundIn).toEqual([7]);
  });

  it('without --all, only the first finding in task order; with --all, each place once', () => {
    const results = [result(0, 2, { findings: [finding(1, 'a.ts:1:1')], stopped: 'max-time', complete: false }), result(1, 2, { findings: [finding(2, 'b.ts:2:2'), finding(2, 'a.ts:1:1')] })];
    expect(mergeTasks(results, { all: false }).findings.map((f) => f.place)).toEqual(['a.ts:1:1']);
    expect(mergeTasks(results, { all: true }).findings.map((f) => f.place)).toEqual(['a.ts:1:1', 'b.ts:2:2']);
  });
});
