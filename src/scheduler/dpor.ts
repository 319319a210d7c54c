/**
 * Stateless model checking with optimal DPOR: source sets, sleep sets and wakeup trees (Abdulla,
 * Aronis, Jonsson, Sagonas, "Optimal Dynamic Partial Order Reduction", POPL 2014; JACM 2017,
 * Algorithm 2), exploring one execution per Mazurkiewicz trace of the dependence in events.ts.
 *
 * One explorer explores one task (split.ts): every execution that starts with the task's prefix of
 * D steps, from a state whose sleep set the task gives. The exploration is a stack of nodes, one per
 * state from depth D on, each with its sleep set, its wakeup tree (the `pending` branches) and the
 * step being explored from it (`current`). An execution replays the stack's steps, takes the next
 * branch of the deepest node that has one, follows that branch's leftmost path, and then continues
 * with steps that are not asleep (the goroutine that ran last first: fewest preemptions).
 *
 * When it ends, for each race — an event e' and an earlier conflicting event e of another goroutine
 * that does not happen before e''s predecessor, and that e' could run before (TraceRecorder.feasible) —
 * the sequence notdep(e).e' is inserted into the wakeup tree of the state before e, unless the sleep
 * set there covers it. Unlike the paper's "immediate" races this keeps races ordered only through other
 * conflicting events: with blocking operations the immediate race (unlock, lock) cannot be reversed but
 * (lock, lock) can. Steps pending when the execution ended count as events too (a step that never ran
 * because another blocked it), and a step that ended the execution with a finding conflicts with every
 * step (running another first is another execution; events.ts `endedByStep`).
 * Choices (select cases, timer ties, ...) are part of an event: after a step that chose, the other
 * answers are inserted at its state as one-step branches, so each is explored once.
 *
 * Sleep sets: a sleeping step never runs — an execution reaching a state where every option sleeps, or
 * whose planned step sleeps, is abandoned and not counted (`pruned`). Steps explored within the task
 * (`local`) also keep wakeup sequences out, as in the paper; steps asleep since the task began were
 * explored by other tasks, whose races before depth D are not reversed here (split.ts explores every
 * option there), so they only block, as sleep sets do in Source-DPOR: a sequence that would run one
 * is dropped at insertion, any other is inserted. With one task (no split) this is the paper's
 * algorithm, except where a planned wakeup branch turns out unable to run (its step is not enabled
 * in this execution, or it sleeps): that execution is abandoned and counted in `pruned`, and the
 * sequences the branch had absorbed are inserted again (`restore`), so abandoning loses no trace —
 * it costs an execution, as the differential tests show (e.g. 40 of one tokio program's executions).
 *
 * An execution in which a firing overtook a Go sleep before it started, and the sleep could have
 * started, with all it happens after, just before that firing (Execution.timerStartedLate,
 * TraceRecorder.lateIsRedundant, Explorer.redundantWhy), is abandoned too, its prefix's races reversed:
 * the execution that started the sleep first has the same steps and races, and shows all it does.
 *
 * Invariants: no two executions counted are equivalent (a sleeping step is never run, and sibling
 * branches are explored with the earlier ones asleep); every trace is explored (the differential tests
 * against brute force in test/unit/scheduler/dpor.test.ts check both, task splits included).
 */
import type { ReadyThreads } from '../runtime/ready-list.js';
import type { ExecutionResult } from '../runtime/execution.js';
import { dependent, endedByStep, sameChoices, type Ev } from './events.js';
import { Explorer, type PlannedStep } from './explorer.js';
import type { KeyTable } from './keys.js';
import type { Rec } from './trace.js';
import { insertSequence, sleepBlocks, sleepCovers, WNode } from './wakeup.js';

/** A part of an exploration: the executions that start with `prefix`, from a state where `sleep` sleeps. */
export interface Task {
  readonly prefix: readonly PlannedStep[];
  readonly sleep: readonly Ev[];
}

interface Node {
  /** Steps that must not run from here (explored, or covered by another task). */
  sleep: Ev[];
  /** The part of `sleep` explored in this task: the only part a wakeup sequence is checked against. */
  local: Ev[];
  /** The wakeup tree below this state, minus the branch being explored. */
  pending: WNode[];
  /** The step explored from this state now (planned, then as recorded). */
  current: Ev | null;
  /** The subtree below `current` in the wakeup tree it came from. */
  follow: WNode[] | null;
  /** The wakeup-tree branch `current` came from (what it covered, if it cannot run: WNode.takeAbsorbed). */
  branch: WNode | null;
  /** `current` could not run: it was not explored. */
  bad: boolean;
}

/**
 * Is this step asleep? A sleeping step with other answers does not make it sleep (the other answers of
 * one step are siblings, explored one after the other); one with compatible answers does.
 */
function asleep(sleep: readonly Ev[], step: PlannedStep): boolean {
  for (const x of sleep) if (x.t === step.t && sameChoices(x.ch, step.ch)) return true;
  return false;
}

/**
 * A step asleep only for some answers of its first choice: the smallest answer no sleeping entry of its
 * goroutine covers (entries are recorded events, with the choice's range), or -1.
 */
function awakeAnswer(sleep: readonly Ev[], t: number): number {
  let range = -1;
  const taken = new Set<number>();
  for (const x of sleep) {
    if (x.t !== t) continue;
    const r = (x as Partial<Rec>).ranges;
    if (x.ch.length !== 1 || !r || r.length !== 1) return -1;
    range = r[0]!;
    taken.add(x.ch[0]!);
  }
  for (let c = 0; c < range; c++) if (!taken.has(c)) return c;
  return -1;
}

function independentOf(sleep: readonly Ev[], executed: Ev): Ev[] {
  const out: Ev[] = [];
  for (const x of sleep) if (!dependent(x, executed)) out.push(x);
  return out;
}

/** An event as a wakeup tree holds it (no clock; arrays shared with the record, which never changes them). */
function view(e: Rec, extra: Partial<Ev> = {}): Ev {
  return { t: e.t, ch: e.ch, objs: e.objs, writes: e.writes, all: e.all, ...(e.adds !== undefined && { adds: e.adds }), ...(e.fires !== undefined && { fires: e.fires }), ...extra };
}

export class DporExplorer extends Explorer {
  readonly name = 'dpor';
  /** Executions explored to their end (one per trace). */
  executions = 0;
  /** Executions abandoned (plan infeasible or sleep-set blocked): not counted. */
  pruned = 0;
  /** The most steps an execution took. */
  maxDepth = 0;
  private nodes: Node[] = [];
  private follow: WNode[] | null = null;
  /** The execution was abandoned because every option slept, or it is redundant. */
  private blocked = false;
  private readonly depth: number;

  constructor(
    keys: KeyTable,
    private readonly task: Task,
    synctest: boolean,
  ) {
    super(keys, true, synctest);
    this.depth = task.prefix.length;
  }

  protected next(index: number): boolean {
    this.follow = null;
    this.blocked = false;
    if (index === 0) return true;
    return this.backtrack();
  }

  private backtrack(): boolean {
    const nodes = this.nodes;
    while (nodes.length > 0) {
      const node = nodes[nodes.length - 1]!;
      if (node.current && !node.bad) {
        node.sleep.push(node.current);
        node.local.push(node.current);
      }
      node.current = null;
      node.bad = false;
      node.follow = null;
      node.branch = null;
      const branch = node.pending.shift();
      if (branch) {
        node.current = branch.ev;
        node.follow = branch.children;
        node.branch = branch;
        return true;
      }
      nodes.pop();
    }
    return false;
  }

  /**
   * An execution that a late timer made redundant (Explorer.redundantWhy: a sleep started behind the
   * clock, after a firing it could have come before with all its past: TraceRecorder.lateIsRedundant) is
   * abandoned at its next step, like one blocked by its
   * sleep set. Its prefix is real, so its races are reversed; the execution that started the timer
   * before that firing is explored, and shows all this one could. The differential tests check both
   * halves: DPOR explores exactly brute force's other traces, and shows every outcome brute force shows.
   */
  protected decide(k: number, enabled: ReadyThreads, timerReady: boolean, last: number): PlannedStep {
    if (this.redundantWhy !== null) {
      this.blocked = true;
      this.abandon(`redundant after step ${k - 1}: ${this.redundantWhy}`);
    }
    if (k < this.depth) return this.task.prefix[k]!;
    const d = k - this.depth;
    const nodes = this.nodes;
    if (d < nodes.length) {
      const node = nodes[d]!;
      if (d === nodes.length - 1) {
        // The branch this execution explores: never a sleeping step (covered elsewhere).
        this.follow = node.follow;
        node.follow = null;
        if (!this.runnable(node.current!, enabled, timerReady)) {
          if (node.branch) this.restore(node, node.branch, enabled, timerReady);
          return this.firstRunnable(node, k, enabled, timerReady, last);
        }
        node.branch?.ran();
        if (asleep(node.sleep, node.current!)) this.sleepBlocked(k);
      }
      return node.current!;
    }
    const executed = this.rec.events[k - 1]!;
    const sleep = d === 0 ? this.task.sleep.slice() : independentOf(nodes[d - 1]!.sleep, executed);
    const local = d === 0 ? [] : independentOf(nodes[d - 1]!.local, executed);
    const pending = this.follow ?? [];
    this.follow = null;
    const node: Node = { sleep, local, pending, current: null, follow: null, branch: null, bad: false };
    nodes.push(node);
    return this.firstRunnable(node, k, enabled, timerReady, last);
  }

  /** Can `step` run in this state (its goroutine can run, or a timer can fire)? */
  private runnable(step: PlannedStep, enabled: ReadyThreads, timerReady: boolean): boolean {
    if (step.t === this.rec.timerThreadKey) return timerReady;
    const r = this.rec.runtimeOf(step.t);
    return r !== undefined && enabled.some((t) => t.id === r);
  }

  /**
   * The step to take from a new node (or one whose planned branch cannot run): the first branch of its
   * wakeup tree that can run here, else the first option not asleep. A branch that cannot run was a
   * race reversal the recorder could not rule out (TraceRecorder.feasible); it is dropped rather than
   * the whole execution, and the sequences it covered (it was a weak initial of each when they were
   * inserted: WNode.takeAbsorbed) are inserted again here, so that they are still explored from this state.
   */
  private firstRunnable(node: Node, k: number, enabled: ReadyThreads, timerReady: boolean, last: number): PlannedStep {
    node.current = null;
    node.branch = null;
    for (let branch = node.pending.shift(); branch; branch = node.pending.shift()) {
      if (!this.runnable(branch.ev, enabled, timerReady)) {
        this.restore(node, branch, enabled, timerReady);
        continue;
      }
      node.current = branch.ev;
      this.follow = branch.children;
      branch.ran();
      if (asleep(node.sleep, branch.ev)) this.sleepBlocked(k);
      return branch.ev;
    }
    this.follow = null;
    const sleep = node.sleep;
    for (const i of this.defaultOrder(enabled, timerReady, last)) {
      const t = this.keyOfOption(enabled, i);
      if (asleep(sleep, { t, ch: [] })) {
        const c = awakeAnswer(sleep, t);
        if (c < 0) continue;
        const step: Ev = { t, ch: [c], objs: [], writes: [], all: true };
        node.current = step;
        return step;
      }
      const step: Ev = { t, ch: [], objs: [], writes: [], all: true };
      node.current = step;
      return step;
    }
    this.blocked = true;
    this.abandon(`every option at step ${k} is asleep`);
  }

  /**
   * A branch of `node`'s wakeup tree cannot run in its state: it covers nothing. The sequences that
   * were not inserted (or were put under it) because it was a weak initial of them go back into the tree.
   */
  private restore(node: Node, branch: WNode, enabled: ReadyThreads, timerReady: boolean): void {
    // Each sequence is there once (WNode.absorb). One whose first step cannot run here either is left
    // out: as a branch it would be dropped at once, and what it covered meanwhile put back — the sequences
    // of this very loop, which are inserted anyway. Inserting it cost O(n²) for n such sequences (each new
    // branch covering the rest, then dropped): 2,880 of them stalled chan-semaphore.ts for good.
    for (const v of branch.takeAbsorbed()) {
      if (!this.runnable(v[0]!, enabled, timerReady)) continue;
      if (!sleepCovers(node.local, v) && !sleepBlocks(node.sleep, v)) insertSequence(node.pending, v);
    }
  }

  /** The planned step sleeps: executions through it are covered elsewhere. */
  private sleepBlocked(k: number): never {
    this.blocked = true;
    const node = this.nodes[k - this.depth]!;
    node.bad = true;
    this.abandon(`the planned step at step ${k} is asleep`);
  }

  protected ended(result: ExecutionResult): void {
    const rec = this.rec;
    const events = rec.events;
    const n = events.length;
    if (n > this.maxDepth) this.maxDepth = n;
    const nodes = this.nodes;
    // Redundant, and it ended before a next step could abandon it: dropped all the same.
    const redundant = this.redundantWhy !== null;
    if (redundant && !result.abandoned) {
      this.blocked = true;
      this.abandonedAt = n;
    }
    const abandoned = result.abandoned || redundant;
    // A step that ends the execution with a finding while others could still run disables them all:
    // it conflicts with every step (running an independent step first is another execution).
    if (!abandoned && n > 0 && endedByStep(result, rec.truncated)) events[n - 1]!.all = true;
    // Steps that ran are replayed from now on as recorded (all their answers, their real touches).
    const upTo = abandoned ? Math.min(n, this.abandonedAt) : n;
    for (let d = 0; d < nodes.length; d++) {
      const k = this.depth + d;
      if (k < upTo) nodes[d]!.current = events[k]!;
      else if (abandoned && k === this.abandonedAt && nodes[d]!.current) nodes[d]!.bad = true;
    }
    if (abandoned) {
      this.pruned++;
      // A prefix that ran into sleeping steps is still a real prefix: its races count (as in Source-DPOR).
      if (this.blocked) for (let j = this.depth; j < n; j++) this.reverse(events[j]!);
      // A redundant one may have made choices no other execution made yet: their other answers too.
      if (redundant) for (let k = this.depth; k < n; k++) this.alternatives(events[k]!);
      return;
    }
    this.executions++;
    for (let j = this.depth; j < n; j++) this.reverse(events[j]!);
    for (const e of rec.pendingAtEnd) this.reverse(e);
    if (rec.truncated && n - 1 >= this.depth) {
      // The last event ended the execution: every step that could still run was disabled by it.
      const f = events[n - 1]!;
      const before = rec.enabledAt[n - 1] ?? [];
      for (const e of rec.pendingAtEnd) {
        if (e.slot !== f.slot && e.prevSame < n - 1 && before.includes(e.slot)) this.insertAt(n - 1, [view(e, { ch: [] })]);
      }
    }
    for (let k = this.depth; k < n; k++) this.alternatives(events[k]!);
  }

  /** Insert the reversal of every race of `e` with an earlier event. */
  private reverse(e: Rec): void {
    if (e.objs.length === 0 && !e.all) return;
    const rec = this.rec;
    let free: Ev | null = null;
    let other: Ev | null = null;
    for (const i of rec.candidates(e)) {
      if (i < this.depth || !rec.feasible(i, e)) continue;
      // Recorded events serve as wakeup-tree events as they are (they never change once closed).
      const v: Ev[] = rec.notdep(i);
      // A firing is planned as "the timer's next step", which fires whichever timer is earliest where it
      // runs. Run before an add of a timer due no later than the one it fired (the race: events.ts), it
      // fires another timer, with other touches than recorded: planned there, it conflicts with every step.
      const add = rec.events[i]!.adds;
      const refires = e.fires !== undefined && add !== undefined && add <= e.fires;
      v.push(refires ? (other ??= view(e, { ch: [], all: true })) : (free ??= view(e, { ch: [] })));
      this.insertAt(i, v);
    }
  }

  /** The other answers of each choice of event `e`, as one-step branches at its state. */
  private alternatives(e: Rec): void {
    for (let p = 0; p < e.ranges.length; p++) {
      for (let c = 0; c < e.ranges[p]!; c++) {
        if (c === e.ch[p]) continue;
        this.insertAt(e.index, [view(e, { ch: [...e.ch.slice(0, p), c] })]);
      }
    }
  }

  private insertAt(k: number, v: Ev[]): void {
    const node = this.nodes[k - this.depth];
    // Steps asleep since the task began are covered by other tasks; the races that would reverse them
    // are reversed there, so they only block (as in Source-DPOR): a sequence running one is dropped.
    if (!node || sleepCovers(node.local, v) || sleepBlocks(node.sleep, v)) return;
    insertSequence(node.pending, v);
  }
}
