/**
 * concurrency.Session: a lease kept alive by its node (server.ts: renewals are continuous while the node is
 * healthy), `done()` closed when the session ends, `close()` revoking the lease (its keys are deleted).
 *
 * The session ends (done() closes, ctx() is cancelled) when its lease expires or is revoked, or when its
 * keep-alive stops (`orphan()`, `close()`), as Go's session does when its keep-alive channel closes. After
 * its node crashes nobody is left to see it; the lease still expires `ttl` after the crash.
 */
import { ScenarioError } from '../../runtime/errors.js';
import { Op, type OpKind, type Touch } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import type { VectorClock } from '../../runtime/clock.js';
import { Channel } from '../go/channel.js';
import { cancelFromRuntime, cancelTouches, context, isContext, type Context } from '../go/context.js';
import { EtcdCallOp } from './call.js';
import { EtcdClient } from './client.js';
import type { EtcdServer, LeaseLife, ServerNode } from './server.js';
import type { Client, Session, SessionOptions } from './types.js';
import { EtcdErrors } from './types.js';
import { sessionEndObserved } from './split-brain.js';

export const DEFAULT_TTL = 60_000;

export class EtcdSession implements Session {
  readonly lease: number;
  readonly ttl: number;
  private readonly doneCh: Channel<void>;
  private readonly context: Context;
  private ended: number | undefined;

  constructor(
    readonly client: EtcdClient,
    private readonly server: EtcdServer,
    private readonly life: LeaseLife,
    /** newSession's `ctx` option: the parent of the context Close revokes with. */
    private readonly parentCtx?: Context,
  ) {
    this.lease = life.id;
    this.ttl = life.ttl;
    this.doneCh = new Channel<void>(0, { name: `session(lease ${life.id}).done()` });
    this.context = context.withCancel(context.background())[0];
    life.onEnd.push((e, clock) => this.end(null, clock, e.at));
  }

  get node(): ServerNode {
    return this.client.node;
  }

  /** The channels its end closes (what the lease expiry timer touches). */
  channels(): readonly Channel<unknown>[] {
    return [this.doneCh as Channel<unknown>, ...cancelTouches(this.context)];
  }

  done(): Channel<void> {
    return this.doneCh;
  }

  ctx(): Context {
    return this.context;
  }

  endedAt(): number | undefined {
    return this.server.leaseEnd(this.lease)?.at ?? this.ended;
  }

  /** The session ends: done() closes, ctx() is cancelled (by `by`'s step, or carrying `clock`). */
  end(by: Thread | null, clock: VectorClock | null, at: number): void {
    if (this.ended !== undefined) return;
    this.ended = at;
    this.doneCh.closeQuietly(by, undefined, clock);
    cancelFromRuntime(this.context, by, clock);
  }

  orphan(): Promise<void> {
    return new SessionEndOp(this, 'orphan', `orphan of session (lease ${this.lease})`, (t) => {
      this.server.writeBy(t);
      this.server.stopKeepAlive(this.life);
      this.end(t, null, this.server.exec.time);
    });
  }

  /**
   * Go's Close: orphan, then revoke the lease with a context of the session's `ctx` (newSession's option,
   * else background) and the TTL as its timeout ("if revoke takes longer than the ttl, lease is expired
   * anyway"). Connected, orphan and revoke are one step (the keys are deleted at once). On a partitioned
   * node the revoke cannot reach the cluster: the session is orphaned at once, and the revoke waits for
   * `heal` — or fails with `context deadline exceeded` after the TTL (the lease has expired by then, its
   * keys are gone). A lease already gone when the revoke reaches the cluster is not an error here (Go
   * returns `requested lease not found`, which code calling `defer s.Close()` never reads).
   * Either way the node has closed its session itself: its split-brain tenures under it end.
   */
  async close(): Promise<void> {
    const node = this.client.node;
    const revoked = await new SessionEndOp(this, 'close', `close of session (lease ${this.lease}) on node '${node.name}'`, (t) => {
      this.server.writeBy(t);
      this.server.stopKeepAlive(this.life);
      this.end(t, null, this.server.exec.time);
      sessionEndObserved(this, 'session closed');
      if (node.partitionedNow) return false;
      this.server.endLease(this.lease, 'revoked', t, node);
      return true;
    });
    if (revoked) return;
    const [ctx, cancel] = context.withTimeout(this.parentCtx ?? context.background(), this.ttl);
    try {
      await this.client.revoke(this.lease, { ctx });
    } catch (e) {
      if (!(e instanceof Error) || e.message !== EtcdErrors.leaseNotFound) throw e;
    } finally {
      await cancel();
    }
  }

  /** For SessionEndOp: the server it writes. */
  get serverObject(): EtcdServer {
    return this.server;
  }
}

/** orphan() and close(): one step that writes the server and closes the session's channels. */
class SessionEndOp<T = void> extends Op<T> {
  readonly obj: EtcdServer;
  constructor(
    private readonly session: EtcdSession,
    readonly kind: OpKind,
    private readonly what: string,
    private readonly run: (t: Thread) => T,
  ) {
    super(session.serverObject.exec);
    this.obj = session.serverObject;
  }
  step(): boolean {
    return this.complete(this.run(this.thread));
  }
  override footprint(): readonly Touch[] {
    return [...this.obj.touches(true), ...this.session.channels().map((c) => ({ id: c.id, read: false }))];
  }
  describe(): string {
    return this.what;
  }
}

function checkSessionOptions(o: unknown): SessionOptions {
  if (o === undefined) return {};
  if (typeof o !== 'object' || o === null) throw new ScenarioError('newSession(client, options?): options must be an object like { ttl }');
  for (const k of Object.keys(o)) if (!['ttl', 'lease', 'ctx'].includes(k)) throw new ScenarioError(`newSession: unknown option '${k}' (options: ttl, lease, ctx)`);
  const s = o as SessionOptions;
  if (s.ttl !== undefined && !(typeof s.ttl === 'number' && Number.isFinite(s.ttl) && s.ttl > 0)) {
    throw new ScenarioError(`newSession: ttl must be a positive number of ms of virtual time (Go's WithTTL takes seconds), got ${String(s.ttl)}`);
  }
  if (s.lease !== undefined && !(typeof s.lease === 'number' && Number.isInteger(s.lease) && s.lease > 0)) throw new ScenarioError(`newSession: lease must be a lease ID, got ${String(s.lease)}`);
  if (s.ctx !== undefined && !isContext(s.ctx)) throw new ScenarioError('newSession: ctx must be a context');
  return s;
}

/** concurrency.NewSession: grant a lease (or adopt `lease`) that the client's node keeps alive. */
export function newSession(client: Client, options?: SessionOptions): Promise<Session> {
  if (!(client instanceof EtcdClient)) throw new ScenarioError('newSession(client, options?): client must be a node\'s client (cluster.node(name).client)');
  const o = checkSessionOptions(options);
  const server = client.server;
  const ttl = o.ttl ?? DEFAULT_TTL;
  const node = client.node;
  return new EtcdCallOp<Session>(server, 'session', `newSession(ttl ${ttl} ms)`, true, node, o.ctx, (t) => {
    server.writeBy(t);
    let session: EtcdSession | undefined;
    const channels = (): readonly Channel<unknown>[] => session?.channels() ?? [];
    let life: LeaseLife;
    if (o.lease !== undefined) {
      const l = server.life(o.lease);
      if (!l) throw new Error(EtcdErrors.leaseNotFound);
      l.node = node;
      l.keptAlive = true;
      l.endChannels = channels;
      server.renew(l);
      life = l;
    } else {
      life = server.grant(ttl, node, true, channels);
    }
    session = new EtcdSession(client, server, life, o.ctx);
    return session;
  }, (s) => `session with lease ${s.lease}`);
}
