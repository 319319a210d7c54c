/**
 * `critical(name, fn)` and the `mutual-exclusion` finding (contract §2d, §3): a section that must be
 * mutually exclusive across the whole cluster. Two goroutines (on any nodes, or main) inside sections
 * of one name at once is the finding; it is made when the second one enters.
 *
 * Who is inside: a goroutine is from its enter step until its leave step (fn returned or threw). A
 * goroutine killed by its node's crash leaves at the crash (a crashed process holds nothing); a paused
 * one stays inside — it will go on with its section when the pause ends, which is exactly how a GC pause
 * past a lease breaks a lock. A goroutine may re-enter a section it is in (nesting counts, not a finding).
 *
 * Dependence (DPOR): each name is a simulated object; enter and leave write it, and a crash that takes a
 * goroutine out of a section writes it too (the crash's step notes the touch), so the explorers order
 * every event that changes who is inside against every enter.
 */
import type { Execution } from '../../runtime/execution.js';
import { currentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import { Op, type OpKind, type SimObjectRef } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import type { Cluster, Node } from './types.js';
import { nodeOf } from './world.js';

interface Inside {
  depth: number;
  /** Where it entered. */
  at: string | undefined;
  node: Node | undefined;
  /** The node's incarnation when it entered: a crash since means it left. */
  incarnation: number;
}

class Section implements SimObjectRef {
  readonly id: number;
  readonly typeName = 'critical section';
  readonly inside = new Map<Thread, Inside>();
  constructor(
    exec: Execution,
    readonly name: string,
  ) {
    this.id = exec.newObjectId();
  }
  get label(): string {
    return `critical section '${this.name}'`;
  }
  /** Still inside: not finished, and its node (if any) has not crashed since it entered. */
  present(t: Thread, r: Inside): boolean {
    return !t.finished && !t.killed && (r.node === undefined || r.node.incarnation === r.incarnation);
  }
}

class Registry {
  readonly sections = new Map<string, Section>();
  private readonly clusters = new Set<Cluster>();
  constructor(readonly exec: Execution) {}

  section(name: string): Section {
    let s = this.sections.get(name);
    if (!s) this.sections.set(name, (s = new Section(this.exec, name)));
    return s;
  }

  /** Watch the crashes of `node`'s cluster: a crash takes its goroutines out of every section. */
  watch(node: Node | undefined): void {
    if (!node || this.clusters.has(node.cluster)) return;
    this.clusters.add(node.cluster);
    node.cluster.onCrash((c) => {
      for (const s of this.sections.values()) {
        let left = false;
        for (const [t, r] of s.inside) {
          if (r.node === c.node) {
            s.inside.delete(t);
            left = true;
          }
        }
        if (left) this.exec.noteTouch(s.id, false);
      }
    });
  }
}

const registries = new WeakMap<Execution, Registry>();

function registry(exec: Execution): Registry {
  let r = registries.get(exec);
  if (!r) registries.set(exec, (r = new Registry(exec)));
  return r;
}

class EnterOp extends Op<void> {
  readonly kind: OpKind = 'acquire';
  constructor(
    exec: Execution,
    readonly obj: Section,
  ) {
    super(exec);
  }

  step(): boolean {
    const s = this.obj;
    const t = this.thread;
    const mine = s.inside.get(t);
    if (mine) {
      mine.depth++;
      return this.complete(undefined);
    }
    for (const [u, r] of s.inside) {
      if (!s.present(u, r)) {
        s.inside.delete(u);
        continue;
      }
      this.report(u, r);
      return this.complete(undefined);
    }
    const node = nodeOf(t);
    s.inside.set(t, { depth: 1, at: this.at, node, incarnation: node?.incarnation ?? 0 });
    return this.complete(undefined);
  }

  private report(u: Thread, r: Inside): void {
    const t = this.thread;
    const mineNode = nodeOf(t);
    const who = (th: Thread, n: Node | undefined): string => `goroutine '${th.name}'${n ? ` (node '${n.name}')` : ' (no node)'}`;
    const details = [`${who(u, r.node)} entered ${r.at ? `at ${r.at} ` : ''}and has not left`, `${who(t, mineNode)} enters${this.at ? ` at ${this.at}` : ''}`];
    if (r.node && r.node.state === 'paused') details.push(`node '${r.node.name}' is paused: a paused goroutine stays inside its section, and goes on with it when the pause ends`);
    if (r.node && r.node.state === 'partitioned') details.push(`node '${r.node.name}' is partitioned from the cluster: its goroutines run on`);
    this.exec.fatal('mutual-exclusion', `${who(u, r.node)} and ${who(t, mineNode)} are inside ${this.obj.label} at once`, {
      threads: [u, t],
      locations: [this.at, r.at],
      details,
      object: this.obj.label,
    });
  }

  describe(): string {
    return `enter ${this.obj.label}`;
  }
}

class LeaveOp extends Op<void> {
  readonly kind: OpKind = 'release';
  constructor(
    exec: Execution,
    readonly obj: Section,
  ) {
    super(exec);
  }
  step(): boolean {
    const r = this.obj.inside.get(this.thread);
    if (r && --r.depth === 0) this.obj.inside.delete(this.thread);
    return this.complete(undefined);
  }
  describe(): string {
    return `leave ${this.obj.label}`;
  }
}

/**
 * Run `fn` as a section that must be mutually exclusive across the cluster: entering and leaving are
 * scheduling points; another goroutine inside a section of the same name meanwhile is `mutual-exclusion`.
 * Resolves to what `fn` returns; a throw from `fn` leaves the section and is rethrown.
 */
export async function critical<T>(name: string, fn: () => T | Promise<T>): Promise<Awaited<T>> {
  const exec = currentExecution('critical()');
  if (typeof name !== 'string' || name === '') throw new ScenarioError(`critical(name, fn) needs a non-empty name string, got ${String(name)}`);
  if (typeof fn !== 'function') throw new ScenarioError(`critical('${name}', fn) needs a function`);
  const reg = registry(exec);
  const s = reg.section(name);
  const t = exec.running;
  if (t) reg.watch(nodeOf(t));
  await new EnterOp(exec, s);
  try {
    return await fn();
  } finally {
    await new LeaveOp(exec, s);
  }
}
