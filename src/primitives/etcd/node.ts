/**
 * A node of the simulated cluster: a process whose goroutines run the Go flavour, with one etcd client,
 * and the faults that hit it. A node is a runtime thread group: a goroutine started by `node.go`, or by
 * `go` from one of its goroutines, belongs to it (world.ts nodeOf).
 *
 * States and what they do (§2d):
 * - crash: every goroutine of the node stops at once (Execution.kill), its sessions' keep-alives stop, so
 *   their leases expire `ttl` after the crash (the last renewal that reached the cluster), its watches are
 *   dropped. A goroutine started on a crashed node is killed before its first step.
 * - restart: a crashed node comes back empty (no goroutines, no sessions); new goroutines may be started.
 * - pause(ms): settles at once; until the pause ends (a timer), the node's goroutines take no step (a
 *   Gate), and its keep-alives do not reach the cluster, so a pause past a lease's TTL expires it.
 * - partition: the goroutines run on, but their calls to the cluster wait for heal or their ctx
 *   (call.ts), their watch events are held back, and their keep-alives are lost.
 * - heal: the partition ends; keep-alives reach the cluster again (renewing the leases still alive).
 * `main` belongs to no node: no fault stops it, and its calls through a node's client are cut off only by
 * that node's partition.
 */
import { ScenarioError } from '../../runtime/errors.js';
import { Gate } from '../../runtime/gate.js';
import { Op, type OpKind, type Touch } from '../../runtime/op.js';
import type { Thread, ThreadGroup } from '../../runtime/thread.js';
import type { Timer } from '../../runtime/timers.js';
import { SimObject } from '../core/object.js';
import { EtcdClient } from './client.js';
import type { EtcdServer, ServerNode } from './server.js';
import type { Cluster, NodeState } from './types.js';
import { NODE_BRAND } from './world.js';

/** Holds a paused node's goroutines back until the pause ends. */
class PauseGate extends Gate {
  constructor(private readonly node: EtcdNode) {
    super(node.exec, `pause of node '${node.name}'`);
  }
  admits(): boolean {
    return this.node.pausedUntil === null;
  }
  why(): string {
    return `node '${this.node.name}' is paused until ${this.node.pausedUntil} ms`;
  }
}

/** One recorded fault (for reports and the timeline). */
export interface FaultRecord {
  readonly node: string;
  readonly what: string;
  readonly at: number;
}

export class EtcdNode extends SimObject implements ServerNode, ThreadGroup {
  readonly typeName = 'etcd node';
  readonly [NODE_BRAND] = true;
  readonly client: EtcdClient;
  crashed = false;
  pausedUntil: number | null = null;
  partitioned = false;
  /** How many partitions began (an injected partition's heal timer heals only its own). */
  private partitions = 0;
  incarnation = 0;
  /** Threads that joined it (some may have left for another node, finished or been killed). */
  private readonly members: Thread[] = [];
  readonly gate: PauseGate;
  private pauseTimer: Timer | null = null;
  /** When it last crashed (for reports). */
  crashedAt: number | undefined;

  constructor(
    readonly cluster: Cluster,
    readonly server: EtcdServer,
    name: string,
  ) {
    super('cluster.node()', name, 'node');
    this.client = new EtcdClient(server, this);
    this.gate = new PauseGate(this);
  }

  override get label(): string {
    return `node '${this.name}'`;
  }

  get partitionedNow(): boolean {
    return this.partitioned && !this.crashed;
  }

  get renewingNow(): boolean {
    return !this.crashed && this.pausedUntil === null && !this.partitioned;
  }

  get state(): NodeState {
    return this.crashed ? 'crashed' : this.pausedUntil !== null ? 'paused' : this.partitioned ? 'partitioned' : 'up';
  }

  // ---- goroutines ----------------------------------------------------------------------------------

  adopt(t: Thread): void {
    if (t.group !== this) return;
    if (this.crashed) {
      this.exec.kill(t, `it was started on node '${this.name}', which is crashed`);
      return;
    }
    this.members.push(t);
    this.exec.setGate(t, this.gate);
  }

  go(fn: () => unknown, name?: string): { id: number; name: string } {
    if (typeof fn !== 'function') throw new ScenarioError(`node.go(fn, name?): fn must be a function`);
    if (name !== undefined && typeof name !== 'string') throw new ScenarioError(`node.go(fn, name?): the name must be a string`);
    const exec = this.exec;
    const t = exec.spawn(fn, name, exec.running);
    t.group = this;
    this.adopt(t);
    return { id: t.id, name: t.name };
  }

  /** The goroutines that run on it now. */
  liveMembers(): Thread[] {
    return this.members.filter((t) => t.group === this && !t.finished && !t.killed);
  }

  // ---- faults (each applied inside one step: an explicit call's or an injected fault's) --------------

  applyCrash(by: string): Thread[] {
    if (this.crashed) return [];
    const exec = this.exec;
    // The keep-alives stop now: the leases run out `ttl` from here (if they were still being renewed).
    this.server.nodeCrashed(this);
    this.crashed = true;
    this.crashedAt = exec.timeForMetrics;
    this.partitioned = false;
    this.endPause();
    const killed = this.liveMembers();
    for (const t of killed) exec.kill(t, `node '${this.name}' crashed at ${this.crashedAt} ms${by}`);
    this.members.length = 0;
    exec.touched(this.id);
    this.server.faults.push(`node '${this.name}' crashed at ${this.crashedAt} ms${by}${killed.length ? ` (stopping ${killed.map((t) => `'${t.name}'`).join(', ')})` : ''}`);
    this.server.crashed({ node: this, at: this.crashedAt, threads: killed });
    return killed;
  }

  applyRestart(): void {
    if (!this.crashed) return;
    this.crashed = false;
    this.incarnation++;
    this.server.faults.push(`node '${this.name}' restarted at ${this.exec.timeForMetrics} ms (empty)`);
    this.exec.touched(this.id);
  }

  applyPause(ms: number, by = ''): void {
    if (this.crashed) return;
    const until = this.exec.time + ms;
    if (this.pausedUntil !== null && this.pausedUntil >= until) return;
    if (this.pauseTimer) this.exec.timers.cancel(this.pauseTimer);
    this.pausedUntil = until;
    this.exec.gateChanged(this.gate);
    this.server.faults.push(`node '${this.name}' paused at ${this.exec.timeForMetrics} ms until ${until} ms${by}`);
    this.server.healthChanged(this);
    // The end of the pause lets the goroutines step again and the keep-alives reach the cluster.
    const touches = (): readonly Touch[] => [{ id: this.gate.id, read: false }, { id: this.id, read: false }, ...this.server.nodeTouches(this)];
    this.pauseTimer = this.exec.timers.add(until, `node '${this.name}' resumes after its pause of ${ms} ms`, () => {
      this.pauseTimer = null;
      this.endPause();
      this.server.healthChanged(this);
    }, touches);
  }

  private endPause(): void {
    if (this.pauseTimer) this.exec.timers.cancel(this.pauseTimer);
    this.pauseTimer = null;
    if (this.pausedUntil === null) return;
    this.pausedUntil = null;
    this.exec.gateChanged(this.gate);
  }

  applyPartition(by = ''): void {
    if (this.crashed || this.partitioned) return;
    this.partitions++;
    this.partitioned = true;
    this.exec.touched(this.id);
    this.server.faults.push(`node '${this.name}' partitioned at ${this.exec.timeForMetrics} ms${by}`);
    this.server.healthChanged(this);
  }

  /** A partition that heals by itself after `ms` (an injected one). */
  applyPartitionFor(ms: number, by = ''): void {
    if (this.crashed || this.partitioned) return;
    this.applyPartition(by);
    const epoch = this.partitions;
    const touches = (): readonly Touch[] => [{ id: this.id, read: false }, ...this.server.nodeTouches(this)];
    this.exec.timers.add(this.exec.time + ms, `node '${this.name}' heals after its partition of ${ms} ms`, () => {
      if (this.partitions === epoch) this.applyHeal(' (the injected partition ends)');
    }, touches);
  }

  applyHeal(by = ''): void {
    if (!this.partitioned) return;
    this.partitioned = false;
    this.exec.touched(this.id);
    this.server.faults.push(`node '${this.name}' healed at ${this.exec.timeForMetrics} ms${by}`);
    this.server.healthChanged(this);
    this.server.flushHeld(this);
  }

  // ---- the explicit faults: each one step, by main or any goroutine ----------------------------------

  crash(): Promise<void> {
    return new FaultOp(this, 'crash', 'crash', () => void this.applyCrash(''));
  }

  restart(): Promise<void> {
    return new FaultOp(this, 'restart', 'restart', () => this.applyRestart());
  }

  pause(ms: number): Promise<void> {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) throw new ScenarioError(`node.pause(ms): ms must be a positive number of ms of virtual time, got ${String(ms)}`);
    return new FaultOp(this, 'pause', `pause(${ms})`, () => this.applyPause(ms));
  }

  partition(): Promise<void> {
    return new FaultOp(this, 'partition', 'partition', () => this.applyPartition());
  }

  heal(): Promise<void> {
    return new FaultOp(this, 'heal', 'heal', () => this.applyHeal());
  }
}

/** An explicit fault: one step that changes the node (and its leases, its goroutines' gate). */
class FaultOp extends Op<void> {
  constructor(
    readonly obj: EtcdNode,
    readonly kind: OpKind,
    private readonly what: string,
    private readonly apply: () => void,
  ) {
    super(obj.exec);
  }
  step(): boolean {
    this.apply();
    return this.complete(undefined);
  }
  override footprint(): readonly Touch[] {
    return [{ id: this.obj.id, read: false }, { id: this.obj.gate.id, read: false }, ...this.obj.server.nodeTouches(this.obj)];
  }
  describe(): string {
    return `${this.what} of node '${this.obj.name}'`;
  }
  override traced(): string {
    return `${this.what} of node '${this.obj.name}' at ${this.exec.timeForMetrics} ms → ${this.obj.state}`;
  }
}
