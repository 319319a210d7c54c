/**
 * Plain depth-first search over schedules, without reduction: every option in every state (each
 * goroutine that can run, firing the earliest timer) and every answer to every choice. What DPOR is
 * measured against (`--no-dpor`), and the search under a preemption bound (`--preemption-bound K`):
 * then an option that would make the execution's K+1-th preemption (switching away from the goroutine
 * that ran last while it can still run and did not just yield; firing a timer is not one) is left out,
 * and `cut` says that the bound left something out. Sleep sets are not used under a bound: an execution
 * they would skip may be the only one of its class within the bound, so the bounded search stays
 * complete within it.
 *
 * One explorer explores one task (split.ts): the executions that start with its prefix.
 * Invariant: each execution is a distinct sequence of steps and answers; none is run twice.
 */
import type { ReadyThreads } from '../runtime/ready-list.js';
import type { ExecutionResult } from '../runtime/execution.js';
import type { Task } from './dpor.js';
import { Explorer, type PlannedStep } from './explorer.js';
import type { KeyTable } from './keys.js';

interface Node {
  options: PlannedStep[];
  /** Whether taking options[i] is a preemption. */
  preempts: boolean[];
  index: number;
  /** Preemptions before this state. */
  base: number;
  /** Options up to this index had their other answers added already. */
  expanded: number;
}

export class DfsExplorer extends Explorer {
  readonly name = 'dfs';
  executions = 0;
  pruned = 0;
  maxDepth = 0;
  /** The preemption bound left an option out. */
  cut = false;
  private nodes: Node[] = [];
  private prefixPreemptions = 0;
  private readonly depth: number;

  constructor(
    keys: KeyTable,
    private readonly task: Task,
    synctest: boolean,
    private readonly bound: number | undefined,
    /** Record touches and happens-before too (tests compare its executions' traces with DPOR's). */
    full = false,
  ) {
    super(keys, full, synctest);
    this.depth = task.prefix.length;
  }

  protected next(index: number): boolean {
    this.prefixPreemptions = 0;
    if (index === 0) return true;
    const nodes = this.nodes;
    while (nodes.length > 0) {
      const node = nodes[nodes.length - 1]!;
      node.index++;
      if (node.index < node.options.length) return true;
      nodes.pop();
    }
    return false;
  }

  protected decide(k: number, enabled: ReadyThreads, timerReady: boolean, last: number): PlannedStep {
    // Switching away from a goroutine that could go on is a preemption, unless it just yielded.
    const lastCanRun = !this.yielded && enabled.some((t) => t.id === last);
    const preemption = (i: number) => lastCanRun && i !== enabled.length && enabled.at(i)!.id !== last;
    if (k < this.depth) {
      const step = this.task.prefix[k]!;
      const r = this.rec.runtimeOf(step.t);
      if (lastCanRun && step.t !== this.rec.timerThreadKey && r !== last) this.prefixPreemptions++;
      return step;
    }
    const d = k - this.depth;
    const nodes = this.nodes;
    if (d < nodes.length) {
      const node = nodes[d]!;
      return node.options[node.index]!;
    }
    const parent = nodes[d - 1];
    const base = parent ? parent.base + (parent.preempts[parent.index] ? 1 : 0) : this.prefixPreemptions;
    const node: Node = { options: [], preempts: [], index: 0, base, expanded: -1 };
    for (const i of this.defaultOrder(enabled, timerReady, last)) {
      const p = preemption(i);
      if (this.bound !== undefined && p && base + 1 > this.bound) {
        this.cut = true;
        continue;
      }
      node.options.push({ t: this.keyOfOption(enabled, i), ch: [] });
      node.preempts.push(p);
    }
    nodes.push(node);
    return node.options[0]!;
  }

  protected ended(result: ExecutionResult): void {
    const events = this.rec.events;
    if (events.length > this.maxDepth) this.maxDepth = events.length;
    if (result.abandoned) {
      this.pruned++;
      return;
    }
    this.executions++;
    // Answers the planned step left to the default: each other answer becomes an option of that state.
    for (let d = 0; d < this.nodes.length; d++) {
      const e = events[this.depth + d];
      if (!e) break;
      const node = this.nodes[d]!;
      if (node.expanded >= node.index) continue;
      node.expanded = node.index;
      const planned = node.options[node.index]!;
      for (let p = planned.ch.length; p < e.ranges.length; p++) {
        for (let c = 1; c < e.ranges[p]!; c++) {
          node.options.push({ t: planned.t, ch: [...e.ch.slice(0, p), c] });
          node.preempts.push(node.preempts[node.index]!);
        }
      }
    }
  }
}
