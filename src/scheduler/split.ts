/**
 * Splitting one exploration into tasks that can be explored independently — by parallel workers,
 * by CI shards, or one after the other — with the same result however many workers explore them.
 *
 * The first levels of the tree are searched breadth-first, branching on every option (each goroutine
 * that can run, a timer firing, every answer to a choice), with sleep sets when the tasks are then
 * explored with DPOR: the i-th option of a state is explored with the earlier options asleep when they
 * are independent of it. A level is the next state (after the steps that have a single option) with
 * two or more options, or whose step made a choice. With DPOR, an option whose step touches nothing
 * another goroutine can (a goroutine's start, `isPrivate`) is taken alone instead — a persistent set of
 * one step — so that levels are spent on steps that race. Levels are added until there are at least
 * `target` tasks (or nothing branches any more); each state of the last level, with its sleep set, is
 * a task (dpor.ts `Task`), and so is every execution that ended before it.
 *
 * Why the split does not change what is found: the top levels explore every option (a full expansion
 * is a source set), so reversing races there is unnecessary; the sleep sets guarantee that no two
 * executions counted below two different tasks are equivalent (one would have to run a step while it
 * sleeps); below, dpor.ts only lets steps asleep since the task began block executions. Complete
 * explorations count one execution per trace and find the same findings for any target — checked
 * against brute force on random programs (test/unit/scheduler/dpor.test.ts). Timers: a firing passes
 * over every goroutine that could run and none may fire again before each has stepped
 * (Execution.timerReady), which ties firings to every goroutine's next step, so no step is private once
 * timers are about: when a probe meets a timer, the split falls back to one task (plain optimal DPOR).
 * One exception, about orders that cannot show anything new: executions cut short by a finding are not
 * explored for every order of the independent steps that could have come before the finding.
 *
 * Invariant: deterministic — the same scenario gives the same tasks in the same order on every
 * machine and in every worker, since each split is computed from executions alone.
 */
import type { ReadyThreads } from '../runtime/ready-list.js';
import type { ExecutionResult } from '../runtime/execution.js';
import type { Task } from './dpor.js';
import { dependent, endedByStep, type Ev } from './events.js';
import { Explorer, type PlannedStep } from './explorer.js';
import { SCHED_OBJECT, TIME_OBJECT, type KeyTable } from './keys.js';
import type { Rec } from './trace.js';

export interface SplitOptions {
  keys: KeyTable;
  /** Tasks are explored with DPOR (sleep sets at the top levels too). */
  dpor: boolean;
  synctest: boolean;
  /** --preemption-bound (DFS only). */
  bound?: number;
  /** Stop adding levels once there are this many tasks. */
  target: number;
  /** Never more levels than this. */
  maxLevels: number;
}

export interface Split {
  tasks: Task[];
  /** The preemption bound left an option out at the top levels. */
  cut: boolean;
  /** Partial executions run to find the tasks. */
  probes: number;
}

type Outcome =
  | { kind: 'branch'; at: number; options: number[]; sleep: Ev[] }
  | { kind: 'choice'; at: number; sleep: Ev[] }
  | { kind: 'end' }
  | { kind: 'blocked' };

function view(e: Rec): Ev {
  return { t: e.t, ch: e.ch.slice(), objs: e.objs.slice(), writes: e.writes.slice(), all: e.all, ...(e.adds !== undefined && { adds: e.adds }), ...(e.fires !== undefined && { fires: e.fires }) };
}

/**
 * One partial execution: follow `plan`, then ('forced') take the only option while there is one,
 * stopping at the first state with more (or after a step that chose), or ('child') stop right after.
 */
class Probe extends Explorer {
  readonly name = 'split';
  outcome: Outcome = { kind: 'end' };
  cut = false;
  private sleep: Ev[];
  private preemptions = 0;

  constructor(
    keys: KeyTable,
    private readonly opts: SplitOptions,
    private readonly plan: readonly PlannedStep[],
    sleep: readonly Ev[],
    private readonly mode: 'forced' | 'child',
  ) {
    super(keys, opts.dpor, opts.synctest);
    this.sleep = sleep.slice();
  }

  protected next(index: number): boolean {
    return index === 0;
  }

  protected decide(k: number, enabled: ReadyThreads, timerReady: boolean, last: number): PlannedStep {
    const lastCanRun = !this.yielded && enabled.some((t) => t.id === last);
    const plan = this.plan;
    if (k < plan.length) {
      const step = plan[k]!;
      if (lastCanRun && step.t !== this.rec.timerThreadKey && this.rec.runtimeOf(step.t) !== last) this.preemptions++;
      return step;
    }
    if (this.mode === 'child') this.abandon('probe done');
    if (k > plan.length) {
      const prev = this.rec.events[k - 1]!;
      this.sleep = this.sleep.filter((x) => !dependent(x, prev));
      if (prev.ranges.length > 0) {
        this.outcome = { kind: 'choice', at: k - 1, sleep: this.sleepBefore };
        this.abandon('probe done');
      }
    }
    this.sleepBefore = this.sleep.slice();
    const options: number[] = [];
    let first: number | null = null;
    for (const i of this.defaultOrder(enabled, timerReady, last)) {
      const t = this.keyOfOption(enabled, i);
      if (this.sleep.some((x) => x.t === t)) continue;
      const p = lastCanRun && i !== enabled.length && enabled.at(i)!.id !== last;
      if (this.opts.bound !== undefined && p && this.preemptions + 1 > this.opts.bound) {
        this.cut = true;
        continue;
      }
      if (first === null) first = i;
      options.push(t);
    }
    if (options.length === 0) {
      this.outcome = { kind: 'blocked' };
      this.abandon('probe blocked');
    }
    if (options.length >= 2) {
      this.outcome = { kind: 'branch', at: k, options, sleep: this.sleep.slice() };
      this.abandon('probe done');
    }
    const p = lastCanRun && first !== enabled.length && enabled.at(first!)!.id !== last;
    if (p) this.preemptions++;
    return { t: options[0]!, ch: [] };
  }

  /** The sleep set in the state before the latest forced step. */
  private sleepBefore: Ev[] = [];

  protected ended(result: ExecutionResult): void {
    const last = this.rec.events[this.rec.events.length - 1];
    // As in dpor.ts: a step that ends the execution with a finding conflicts with every step.
    if (!result.abandoned && last && endedByStep(result, this.rec.truncated)) last.all = true;
    if (result.abandoned || this.mode === 'child') return;
    const events = this.rec.events;
    const lastEv = events[events.length - 1];
    if (lastEv && lastEv.index >= this.plan.length && lastEv.ranges.length > 0) {
      this.outcome = { kind: 'choice', at: lastEv.index, sleep: this.sleepBefore };
      return;
    }
    this.outcome = { kind: 'end' };
  }

  /** The steps taken (as planned steps with every answer), up to step `n`. */
  steps(n: number): PlannedStep[] {
    return this.rec.events.slice(0, n).map((e) => ({ t: e.t, ch: e.ch.slice() }));
  }
}

/** Runs one probe execution (begin, run, end): provided by the harness. */
export type ProbeRunner = (probe: Explorer) => Promise<void>;

interface Entry {
  prefix: PlannedStep[];
  sleep: Ev[];
  terminal: boolean;
}

/**
 * Does this step touch nothing another goroutine can touch later? Its own creation, its own wake-up, its
 * end (written by its last step, read by joins), starting goroutines. Then exploring it alone from
 * its state is enough (a persistent set of one step), and branching there would only make empty tasks
 * (e.g. main joining a goroutine that has ended: every execution below the other branches is blocked by
 * the sleep set at its end, as many executions as a full task, none counted).
 */
function isPrivate(keys: KeyTable, e: Ev): boolean {
  if (e.all || e.ch.length > 0) return false;
  const self = keys.name(e.t);
  for (let i = 0; i < e.objs.length; i++) {
    const name = keys.name(e.objs[i]!);
    if (name.startsWith('created:')) continue;
    if (name.startsWith('ended:') && (!e.writes[i] || name === `ended:${self}`)) continue;
    if (name.startsWith(`wake:${self}:`)) continue;
    // Every step reads the scheduler's state; only parking at a yield writes it (see `split`).
    if (name === SCHED_OBJECT && !e.writes[i]) continue;
    return false;
  }
  return true;
}

export async function split(run: ProbeRunner, opts: SplitOptions): Promise<Split> {
  let probes = 0;
  let cut = false;
  let sawTimers = false;
  let sawYields = false;
  const time = opts.keys.id(TIME_OBJECT);
  const sched = opts.keys.id(SCHED_OBJECT);
  const probe = async (plan: readonly PlannedStep[], sleep: readonly Ev[], mode: 'forced' | 'child'): Promise<Probe> => {
    const p = new Probe(opts.keys, opts, plan, sleep, mode);
    probes++;
    await run(p);
    if (p.cut) cut = true;
    if (!sawTimers) for (const e of p.rec.events) if (e.slot === 0 || e.objs.includes(time)) sawTimers = true;
    if (!sawYields) for (const e of p.rec.events) if (e.writes[e.objs.indexOf(sched)] === true) sawYields = true;
    return p;
  };
  /** The step `step` from the state after `prefix` as it runs, then each other answer to its choices. */
  const childEvents = async (prefix: PlannedStep[], step: PlannedStep): Promise<Ev[]> => {
    const p = await probe([...prefix, step], [], 'child');
    const e = p.rec.events[prefix.length];
    if (!e) return [];
    return [view(e), ...(await alternatives(prefix, e, step.ch.length))];
  };
  const alternatives = async (prefix: PlannedStep[], e: Rec, from: number): Promise<Ev[]> => {
    const out: Ev[] = [];
    for (let p = from; p < e.ranges.length; p++) {
      for (let c = 1; c < e.ranges[p]!; c++) out.push(...(await childEvents(prefix, { t: e.t, ch: [...e.ch.slice(0, p), c] })));
    }
    return out;
  };
  /** The entries one level below `entry` (none when every way on is covered by its sleep set). */
  const expand = async (entry: Entry): Promise<Entry[]> => {
    let current = entry;
    for (;;) {
      const p = await probe(current.prefix, current.sleep, 'forced');
      const o = p.outcome;
      if (o.kind === 'blocked') return [];
      if (o.kind === 'end') return [{ prefix: p.steps(p.rec.events.length), sleep: [], terminal: true }];
      const prefix = p.steps(o.at);
      let children: Ev[];
      if (o.kind === 'branch') {
        children = [];
        for (const t of o.options) children.push(...(await childEvents(prefix, { t, ch: [] })));
        // With DPOR, a step nobody else can interfere with is explored alone: go on below it.
        const alone = opts.dpor ? children.find((c) => isPrivate(opts.keys, c)) : undefined;
        if (alone) {
          current = { prefix: [...prefix, { t: alone.t, ch: alone.ch.slice() }], sleep: o.sleep.filter((x) => !dependent(x, alone)), terminal: false };
          continue;
        }
      } else {
        const first = p.rec.events[o.at]!;
        children = [view(first), ...(await alternatives(prefix, first, 0))];
      }
      return children.map((c, i) => ({
        prefix: [...prefix, { t: c.t, ch: c.ch.slice() }],
        sleep: opts.dpor ? [...o.sleep, ...children.slice(0, i)].filter((x) => !dependent(x, c)) : [],
        terminal: false,
      }));
    }
  };

  // Level by level (so that a symmetric exploration splits into tasks of one size), until there are
  // `target` entries or nothing splits any more. Deterministic.
  let entries: Entry[] = [{ prefix: [], sleep: [], terminal: false }];
  for (let level = 0; level < opts.maxLevels && entries.length < opts.target; level++) {
    const next: Entry[] = [];
    let expanded = false;
    for (const entry of entries) {
      if (entry.terminal) {
        next.push(entry);
        continue;
      }
      next.push(...(await expand(entry)));
      expanded = true;
    }
    entries = next;
    if (!expanded) break;
    // Once timers are about, whether a step is private is not decided from its own touches alone (a
    // firing may wake or cancel what a later step of the task needs): kept conservative, one task.
    if (opts.dpor && sawTimers) return { tasks: [{ prefix: [], sleep: [] }], cut, probes };
    // Parking at a yield depends on every other goroutine's steps (runtime/yield.ts): no step is
    // private then either.
    if (opts.dpor && sawYields) return { tasks: [{ prefix: [], sleep: [] }], cut, probes };
  }
  return { tasks: entries.map((e) => ({ prefix: e.prefix, sleep: e.sleep })), cut, probes };
}
