/**
 * One client call to the cluster: a single scheduling point (an Op) that applies atomically to the
 * server (linearisable), made through a node's client.
 *
 * - A partitioned node's call waits (it is not enabled) until `heal`, or fails with its context's
 *   error (`context deadline exceeded`, `context canceled`) once its `ctx` is done. A call whose ctx is
 *   already done fails at once, connected or not, as gRPC does.
 * - A Go error is a rejection with Go's text: `run` throws `Error`s, which the call delivers as its
 *   outcome (an uncaught one is a panic of the goroutine, as an unchecked `err` would become in Go).
 * - A failure with `requested lease not found` from a goroutine of the node ends the node's split-brain
 *   tenures under that lease (observeLeaseGone).
 * - Footprint: the server (read or write; server.ts says why it is one object), the node's state
 *   (a read: partition and heal write it) and the context's Done channel (a read). Whether a call writes
 *   is decided in the state the footprint is taken in, which is the state its step runs in (a txn whose
 *   comparisons fail and whose else branch only reads is a read, as a failed CAS is in memory).
 */
import { Op, type OpKind, type Touch } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import type { Channel } from '../go/channel.js';
import type { Context } from '../go/context.js';
import type { EtcdServer, ServerNode } from './server.js';
import { leaseEndObserved } from './split-brain.js';
import { leaseOfError } from './types.js';
import { nodeOf } from './world.js';

export class EtcdCallOp<T> extends Op<T> {
  private result: string | undefined;
  private readonly doneCh: Channel<void> | null;

  constructor(
    readonly obj: EtcdServer,
    readonly kind: OpKind,
    /** "put('k')" */
    private readonly what: string,
    /**
     * Whether its step would change the store or the leases (a write of the server), in the state it is
     * asked in: a txn whose chosen branch writes nothing, a delete that finds nothing, only read.
     */
    private readonly write: boolean | (() => boolean),
    private readonly node: ServerNode,
    private readonly ctx: Context | undefined,
    private readonly run: (t: Thread) => T,
    /** A short result for the timeline. */
    private readonly summary?: (v: T) => string,
    /** Run at the step whatever the outcome, before the call reaches the cluster (Go's Close orphans first). */
    private readonly first?: (t: Thread) => void,
    /** What else the step may change (the channels a revoked lease's session closes). */
    private readonly extra?: () => readonly Touch[],
  ) {
    super(obj.exec);
    const ch = ctx?.done();
    this.doneCh = ch && !ch.isNil ? ch : null;
  }

  override enabled(): boolean {
    return !this.node.partitionedNow || (this.doneCh !== null && this.doneCh.closed);
  }

  step(): boolean {
    this.first?.(this.thread);
    const err = this.ctx?.err();
    if (err) return this.fail(err.message);
    try {
      const v = this.run(this.thread);
      this.result = this.summary ? this.summary(v) : 'ok';
      return this.complete(v);
    } catch (e) {
      if (!(e instanceof Error) || e.name !== 'Error') throw e;
      this.observeLeaseGone(e);
      return this.fail(e.message);
    }
  }

  /**
   * A goroutine of this node whose call fails with `requested lease not found` for a lease has observed
   * that lease's session end (contract §3, split-brain): the node's tenures under it end here, whatever
   * the call (a user's put with `{ lease }`, a txn, keepAliveOnce, revoke), not only inside the recipes.
   * main, or a goroutine of another node using this client, is not the node: it observes nothing for it.
   */
  private observeLeaseGone(e: Error): void {
    const lease = leaseOfError(e);
    if (lease === undefined || nodeOf(this.thread) !== this.node) return;
    leaseEndObserved(this.node, lease, e.message);
  }

  private fail(message: string): true {
    this.result = message;
    return this.failWith(new Error(message));
  }

  override footprint(): readonly Touch[] {
    const out = this.obj.touches(typeof this.write === 'function' ? this.write() : this.write);
    out.push({ id: this.node.id, read: true });
    if (this.doneCh) out.push({ id: this.doneCh.id, read: true });
    if (this.extra) out.push(...this.extra());
    return out;
  }

  describe(): string {
    const base = `${this.what} on ${this.obj.label} from node '${this.node.name}'`;
    return this.node.partitionedNow ? `${base} (node '${this.node.name}' is partitioned: the call waits for heal${this.doneCh ? ' or its context' : ''})` : base;
  }

  override traced(): string {
    return this.result === undefined ? this.describe() : `${this.what} on node '${this.node.name}' → ${this.result}`;
  }
}
