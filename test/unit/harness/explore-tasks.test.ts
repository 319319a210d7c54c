/**
 * How the workers of `simcc explore --workers N` share one exploration (explore-worker.ts): each worker
 * splits it (in its own key table) and claims the next task when done with the last one. Checked here
 * in-process: the split names the same tasks in every key table; results explored by several "workers"
 * in any interleaving merge (mergeTasks, in task order) to exactly what one worker finds — executions,
 * completeness, findings and where they were found, with or without a budget of executions; and the
 * split makes no task whose every execution is blocked by its sleep set (a full task's work for nothing,
 * on one worker while the other waits).
 */
import { describe, expect, it } from 'vitest';
import { scenario, type Scenario } from '../../../src/api/scenario.js';
import { spawn, assert } from '../../../src/api/goroutines.js';
import { exploreScenario, exploreTask, mergeTasks, splitScenario, type ExploreOptions, type TaskResult } from '../../../src/harness/explore.js';
import { Mutex } from '../../../src/primitives/go/mutex.js';
import { shared } from '../../../src/primitives/go/shared.js';
import type { Task } from '../../../src/scheduler/dpor.js';
import { KeyTable } from '../../../src/scheduler/keys.js';
import { sections } from '../scheduler/families.js';

const NO_DEADLINE = { stopAt: Infinity, finishBy: Infinity };
const RUN = { strategy: 'dpor', runs: 1, firstSeed: 1, stepLimit: 5000, leakStepBound: 500, shrink: false } as const;
const options = (extra: Partial<ExploreOptions> = {}): ExploreOptions => ({ run: RUN, dpor: true, all: false, maxTimeMs: 120_000, splitTarget: 8, ...extra });

/** Three read-modify-writes, each a critical section for the read and one for the write: updates get lost. */
const lostUpdate = scenario('lost update', async () => {
  const mu = new Mutex();
  const x = shared('x', 0);
  const hs = [0, 1, 2].map((i) =>
    spawn(async () => {
      await mu.lock();
      const v = await x.read();
      await mu.unlock();
      await mu.lock();
      await x.write(v + 1);
      await mu.unlock();
    }, `worker-${i}`),
  );
  for (const h of hs) await h.join();
  assert((await x.read()) === 3, 'an update was lost');
});

/** What a task result says, without the bulky parts that are equal when these are. */
const essence = (r: TaskResult) => ({
  position: r.position,
  executions: r.executions,
  pruned: r.pruned,
  steps: r.steps,
  complete: r.complete,
  stopped: r.stopped,
  findings: r.findings.map((f) => ({ execution: f.execution, place: f.place, schedule: f.finding.schedule })),
});

/** A worker's key table that has numbered other names first, so that its numbers differ from another worker's. */
function otherTable(): KeyTable {
  const keys = new KeyTable();
  for (const name of ['0.7', '0#9', 'sched', 'ended:0.3', 'time', '0.2', 'created:0.1']) keys.id(name);
  return keys;
}

async function splitTasks(s: Scenario, opts: ExploreOptions, keys = new KeyTable()): Promise<{ keys: KeyTable; tasks: Task[] }> {
  const { tasks } = await splitScenario(s, opts, keys);
  return { keys, tasks };
}

/** A task with its keys as names: what means the same in every worker. */
const named = (keys: KeyTable, task: Task) => ({
  prefix: task.prefix.map((p) => ({ t: keys.name(p.t), ch: p.ch })),
  sleep: task.sleep.map((e) => ({ t: keys.name(e.t), ch: e.ch, objs: e.objs.map((o) => keys.name(o)), writes: e.writes, all: e.all })),
});

describe('every worker splits alike', () => {
  it('the same tasks, by name, in two key tables that number names differently, explored alike', async () => {
    for (const [s, opts] of [
      [sections(4), options()],
      [lostUpdate, options({ all: true })],
    ] as const) {
      const a = await splitTasks(s, opts);
      const b = await splitTasks(s, opts, otherTable());
      expect(a.tasks.length).toBeGreaterThan(2);
      expect(b.tasks.map((t) => named(b.keys, t))).toEqual(a.tasks.map((t) => named(a.keys, t)));
      expect(b.keys.id('0.7')).not.toBe(a.keys.id('0.7'));
      for (let i = 0; i < a.tasks.length; i++) {
        const here = await exploreTask(s, opts, a.keys, a.tasks[i]!, i, { deadlines: NO_DEADLINE });
        const there = await exploreTask(s, opts, b.keys, b.tasks[i]!, i, { deadlines: NO_DEADLINE });
        expect(essence(there)).toEqual(essence(here));
      }
    }
  });

  it('no task is empty: main joining a goroutine that has ended is a step taken alone', async () => {
    const s = sections(5);
    const opts = options({ splitTarget: 32 });
    const { keys, tasks } = await splitTasks(s, opts);
    expect(tasks.length).toBeGreaterThan(16);
    let executions = 0;
    for (const [i, task] of tasks.entries()) {
      const r = await exploreTask(s, opts, keys, task, i, { deadlines: NO_DEADLINE });
      expect(r.executions).toBeGreaterThan(0);
      expect(r.pruned).toBe(0);
      executions += r.executions;
    }
    expect(executions).toBe(120);
  });
});

/**
 * Two workers, each with its own key table and its own split; `order` says who claims the next task
 * (a stand-in for who finishes first). Every task is explored, as a worker does until told to stop.
 */
async function twoWorkers(s: Scenario, opts: ExploreOptions, order: (claim: number) => 0 | 1): Promise<{ results: (TaskResult | undefined)[]; by: number[] }> {
  const workers = [await splitTasks(s, opts), await splitTasks(s, opts, otherTable())];
  const count = workers[0]!.tasks.length;
  const results: (TaskResult | undefined)[] = [];
  const by: number[] = [];
  for (let p = 0; p < count; p++) {
    const w = order(p);
    by.push(w);
    const { keys, tasks } = workers[w]!;
    results[p] = await exploreTask(s, opts, keys, tasks[p]!, p, {
      deadlines: NO_DEADLINE,
      ...(opts.maxExecutions !== undefined && { maxExecutions: opts.maxExecutions }),
    });
  }
  return { results, by };
}

describe('tasks claimed by several workers merge to one worker’s result', () => {
  const cases: [string, Scenario, ExploreOptions][] = [
    ['complete, nothing found', sections(4), options()],
    ['a budget of executions cutting a task', sections(4), options({ maxExecutions: 7 })],
    ['the first finding stops the exploration', lostUpdate, options()],
    ['--all: every distinct finding', lostUpdate, options({ all: true })],
  ];
  for (const [what, s, opts] of cases) {
    it(what, async () => {
      const one = await exploreScenario(s, opts);
      expect(one.findings.length > 0).toBe(s === lostUpdate);
      for (const order of [(p: number) => (p % 2) as 0 | 1, (p: number) => (p % 3 === 0 ? 1 : 0), () => 1 as const]) {
        const { results, by } = await twoWorkers(s, opts, order);
        expect(results.length).toBeGreaterThan(2);
        const merged = mergeTasks(results, opts);
        expect(merged.executions).toBe(one.executions);
        expect(merged.complete).toBe(one.complete);
        expect(merged.stoppedBy).toBe(one.stoppedBy);
        expect(merged.findings.map((f) => f.finding.schedule)).toEqual(one.findings.map((f) => f.schedule));
        expect(merged.foundIn).toEqual(one.foundIn);
        if (order(0) !== order(1)) expect(new Set(by).size).toBe(2);
      }
    });
  }
});
