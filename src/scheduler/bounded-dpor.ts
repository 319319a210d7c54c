/**
 * Bounded partial-order reduction for `--preemption-bound K` (after Coons, Musuvathi, McKinley, "Bounded
 * partial-order reduction", OOPSLA 2013): every execution with at most K preemptions is explored up to
 * equivalence, with DPOR's reduction where the bound allows it instead of every bounded schedule (dfs.ts).
 *
 * A preemption is what dfs.ts counts: switching away from the goroutine that ran last while it can still
 * run and did not just yield; firing a timer is not one. What a schedule costs therefore depends on the
 * order of steps that commute (which goroutine ran last when a switch comes), so equivalent executions
 * need not have the same number of preemptions: an execution that a sleep set or a wakeup sequence would
 * stand for may be over the bound while the one it stands in for is not. So:
 * - No sleep sets and no wakeup trees: DPOR with backtrack sets (Flanagan & Godefroid, POPL 2005). For
 *   each race of an execution — an event e' and an earlier conflicting event e of another goroutine that
 *   e' could run before (TraceRecorder.candidates, .feasible) — e''s goroutine is tried from the state
 *   before e when it can run there; otherwise every goroutine with a step between e and e' that happens
 *   before e' (FG's set E), or every option when none of those can run there either.
 * - BPOR's conservative backtrack point: when that reversal would be the K+1-th preemption, the same
 *   goroutines are tried at the start of e's block (the state where e's goroutine was switched to; timer
 *   firings inside a block do not end it), where running another costs no more than e's goroutine did.
 * - A state where no option is a preemption (the goroutine that ran last cannot run, or yielded) tries
 *   every option: which of two commuting steps runs first there decides what later switches cost.
 * - A preemption tried at a state is tried at each earlier state of the same block of the goroutine it
 *   preempts where it can run: placed earlier, it can leave a later switch free.
 * Branches over the bound are never run; `cut` says the bound left one out. Choices are branches as in
 * dpor.ts: after a step that chose, its other answers are tried at its state.
 *
 * The last two rules are what the differential tests required beyond BPOR's point: without them the bound
 * lost traces the bounded DFS has (test/unit/scheduler/bounded-dpor.test.ts). They cost reduction: n
 * independent goroutines explore every order of their ends under a bound, as the bounded DFS does.
 *
 * One explorer explores one task (split.ts): under a bound the split expands every option within the
 * bound at its top levels (no sleep sets), so races and conservative points above the task are covered.
 * Invariant: complete within the bound — for every schedule with at most K preemptions an equivalent one
 * with at most K preemptions is explored; this is checked, not proved: on random programs (plain, blocking
 * selects, yields) the traces and outcomes equal the bounded DFS's for K = 0, 1, 2 (yield programs: a
 * subset of traces, as for dpor.ts, with every outcome). With nothing cut it is DPOR, complete outright.
 */
import type { ReadyThreads } from '../runtime/ready-list.js';
import type { ExecutionResult } from '../runtime/execution.js';
import type { Task } from './dpor.js';
import { dependent, endedByStep } from './events.js';
import { Explorer, type PlannedStep } from './explorer.js';
import type { KeyTable } from './keys.js';
import type { Rec } from './trace.js';

interface Node {
  /** Preemptions before this state. */
  base: number;
  /** The goroutine that ran last (its stable name; -1: none), and whether switching away from it preempts. */
  lastKey: number;
  lastCanRun: boolean;
  /** Steps still to try from this state, in order. */
  todo: PlannedStep[];
  /** Steps tried from this state: `t|` for a goroutine, `t|a,b` for its answers (every prefix). */
  tried: Set<string>;
  /** The step explored from this state now (planned). */
  current: PlannedStep;
}

const stepKey = (t: number, ch: readonly number[]): string => `${t}|${ch.join(',')}`;

export class BoundedDporExplorer extends Explorer {
  readonly name = 'bpor';
  executions = 0;
  pruned = 0;
  maxDepth = 0;
  /** The bound left a branch out: some execution with more preemptions may not be covered. */
  cut = false;
  private nodes: Node[] = [];
  private prefixPreemptions = 0;
  private readonly depth: number;

  constructor(
    keys: KeyTable,
    private readonly task: Task,
    synctest: boolean,
    readonly bound: number,
  ) {
    super(keys, true, synctest);
    this.depth = task.prefix.length;
  }

  /** Taking `t` from `node` is a preemption. */
  private preempts(node: Node, t: number): boolean {
    return node.lastCanRun && t !== this.rec.timerThreadKey && t !== node.lastKey;
  }

  private allowed(node: Node, t: number): boolean {
    return node.base + (this.preempts(node, t) ? 1 : 0) <= this.bound;
  }

  protected next(index: number): boolean {
    this.prefixPreemptions = 0;
    if (index === 0) return true;
    const nodes = this.nodes;
    while (nodes.length > 0) {
      const node = nodes[nodes.length - 1]!;
      for (let s = node.todo.shift(); s; s = node.todo.shift()) {
        if (node.tried.has(stepKey(s.t, s.ch))) continue;
        if (!this.allowed(node, s.t)) {
          this.cut = true;
          continue;
        }
        node.current = s;
        return true;
      }
      nodes.pop();
    }
    return false;
  }

  protected decide(k: number, enabled: ReadyThreads, timerReady: boolean, last: number): PlannedStep {
    const lastCanRun = !this.yielded && enabled.some((t) => t.id === last);
    if (k < this.depth) {
      const step = this.task.prefix[k]!;
      if (lastCanRun && step.t !== this.rec.timerThreadKey && this.rec.runtimeOf(step.t) !== last) this.prefixPreemptions++;
      return step;
    }
    const d = k - this.depth;
    const nodes = this.nodes;
    if (d < nodes.length) return nodes[d]!.current;
    const parent = nodes[d - 1];
    const base = parent ? parent.base + (this.preempts(parent, parent.current.t) ? 1 : 0) : this.prefixPreemptions;
    const node: Node = { base, lastKey: last >= 0 ? this.rec.keyOfRuntime(last) : -1, lastCanRun, todo: [], tried: new Set(), current: { t: -1, ch: [] } };
    // The goroutine that ran last comes first in the default order, so the first option is within the bound.
    for (const i of this.defaultOrder(enabled, timerReady, last)) {
      const t = this.keyOfOption(enabled, i);
      if (!this.allowed(node, t)) continue;
      if (node.current.t < 0) node.current = { t, ch: [] };
      // No option preempts here: every one is tried (see the header).
      else if (!lastCanRun) node.todo.push({ t, ch: [] });
      else break;
    }
    nodes.push(node);
    return node.current;
  }

  protected ended(result: ExecutionResult): void {
    const rec = this.rec;
    const events = rec.events;
    const n = events.length;
    if (n > this.maxDepth) this.maxDepth = n;
    const nodes = this.nodes;
    if (!result.abandoned && n > 0 && endedByStep(result, rec.truncated)) events[n - 1]!.all = true;
    const upTo = result.abandoned ? Math.min(n, this.abandonedAt) : n;
    for (let d = 0; d < nodes.length; d++) {
      const k = this.depth + d;
      const node = nodes[d]!;
      if (k < upTo) {
        const e = events[k]!;
        for (let p = 0; p <= e.ch.length; p++) node.tried.add(stepKey(e.t, e.ch.slice(0, p)));
      } else if (result.abandoned && k === this.abandonedAt) {
        // The plan could not be followed here: never try it again.
        node.tried.add(stepKey(node.current.t, node.current.ch));
      }
    }
    if (result.abandoned) {
      this.pruned++;
      return;
    }
    this.executions++;
    for (let j = this.depth; j < n; j++) this.races(events[j]!);
    for (const e of rec.pendingAtEnd) this.races(e);
    if (rec.truncated && n - 1 >= this.depth) {
      // The last event ended the execution: every step that could still run was disabled by it.
      const f = events[n - 1]!;
      const before = rec.enabledAt[n - 1] ?? [];
      for (const e of rec.pendingAtEnd) {
        if (e.slot !== f.slot && e.prevSame < n - 1 && before.includes(e.slot)) this.reverse(n - 1, e, this.precedes(e));
      }
    }
    for (let k = this.depth; k < n; k++) {
      const e = events[k]!;
      for (let p = 0; p < e.ranges.length; p++) {
        for (let c = 0; c < e.ranges[p]!; c++) if (c !== e.ch[p]) this.add(k, e.t, [...e.ch.slice(0, p), c]);
      }
    }
  }

  /** Backtrack points for every race of `e` with an earlier event. */
  private races(e: Rec): void {
    if (e.objs.length === 0 && !e.all) return;
    const rec = this.rec;
    let before: ((j: number) => boolean) | null = null;
    for (const i of rec.candidates(e)) {
      if (i < this.depth || !rec.feasible(i, e)) continue;
      this.reverse(i, e, (before ??= this.precedes(e)));
    }
  }

  /**
   * Run `e` (or what must come first) before event i: at i's state, and when that is over the bound,
   * also at the start of i's block (BPOR's conservative backtrack point).
   */
  private reverse(i: number, e: Rec, before: (j: number) => boolean): void {
    if (this.backtrack(i, e, before)) return;
    const b = this.blockStart(i);
    if (b !== i) this.backtrack(b, e, before);
  }

  /**
   * The state where the goroutine running at step i was switched to: timer firings do not end a block
   * (the goroutine that ran last stays the one a switch preempts, dfs.ts), so they are walked over too.
   */
  private blockStart(i: number): number {
    const events = this.rec.events;
    const timer = this.rec.timerThreadKey;
    const g = events[i]!.t === timer ? this.nodes[i - this.depth]!.lastKey : events[i]!.t;
    let b = i;
    while (b - 1 >= this.depth && (events[b - 1]!.t === g || events[b - 1]!.t === timer)) b--;
    return b;
  }

  /**
   * FG's backtrack set at state `i` for a race with `e`: e's goroutine if it can run there, else the
   * goroutines with a step after i that happens before e, else every option. False when one of them
   * would be over the bound there.
   */
  private backtrack(i: number, e: Rec, before: (j: number) => boolean): boolean {
    const rec = this.rec;
    const slots = rec.enabledAt[i] ?? [];
    let add: number[];
    if (slots.includes(e.slot)) add = [e.slot];
    else {
      add = [];
      for (let j = i + 1; j < e.index && j < rec.events.length; j++) {
        const s = rec.events[j]!.slot;
        if (slots.includes(s) && !add.includes(s) && before(j)) add.push(s);
      }
      if (add.length === 0) add = slots.slice();
    }
    let within = true;
    for (const s of add) if (!this.add(i, rec.keyOfSlot(s), [])) within = false;
    return within;
  }

  /** Does event j happen before `e` (a recorded event, or one pending at the end, which has no clock)? */
  private precedes(e: Rec): (j: number) => boolean {
    const rec = this.rec;
    if (e.index < rec.events.length) return (j) => rec.hbAfter(e.index, j);
    const preds: number[] = [];
    for (let k = 0; k < rec.events.length; k++) if (k === e.prevSame || dependent(rec.events[k]!, e)) preds.push(k);
    return (j) => preds.some((k) => rec.hbAfter(k, j));
  }

  /** Try `t` (with answers `ch`) from the state before step k; false when it is over the bound there. */
  private add(k: number, t: number, ch: number[]): boolean {
    const node = this.nodes[k - this.depth];
    if (!node) return true;
    if (!this.allowed(node, t)) {
      this.cut = true;
      return false;
    }
    const key = stepKey(t, ch);
    if (node.tried.has(key) || node.todo.some((s) => s.t === t && stepKey(s.t, s.ch) === key)) return true;
    node.todo.push({ t, ch });
    if (ch.length === 0 && this.preempts(node, t)) {
      // The same preemption earlier in the block of the goroutine it preempts (see the header).
      const slot = this.rec.runtimeOf(t);
      for (let m = k - 1; m >= this.depth; m--) {
        const other = this.nodes[m - this.depth]!;
        if (other.lastKey !== node.lastKey) break;
        if (slot === undefined || !(this.rec.enabledAt[m] ?? []).includes(slot + 1)) continue;
        if (!this.allowed(other, t)) continue;
        const key2 = stepKey(t, ch);
        if (other.tried.has(key2) || other.todo.some((s) => stepKey(s.t, s.ch) === key2)) continue;
        other.todo.push({ t, ch });
      }
    }
    return true;
  }
}
