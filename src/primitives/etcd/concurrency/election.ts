/**
 * concurrency.Election (etcd client/v3/concurrency/election.go), step for step over the simulated client.
 *
 * etcd's algorithm:
 * - every campaigner puts `<prefix>/<lease in hex>` under its session's lease, if that key does not exist
 *   yet (a txn on createRevision = 0; else it reuses the key it already has, proclaiming the new value);
 * - the key with the lowest create revision leads: `campaign` waits (waitDeletes) until every key of the
 *   prefix with a lower create revision is gone — resigned, or deleted when its lease expired;
 * - `proclaim` and `resign` are txns guarded by the leader key's create revision still being ours, so a
 *   campaigner whose key went (its lease expired) gets `election: not leader` from proclaim;
 * - `leader` reads the key with the lowest create revision, `election: no leader` when there is none;
 * - `observe` runs a goroutine on the session's node that sends the current leader and every change.
 * Split-brain (split-brain.ts) is told when a tenure begins (campaign returns) and when the node learns
 * it ended (resign, proclaim finding the key gone, a call failing because the lease is gone).
 */
import { currentExecution } from '../../../runtime/current.js';
import { ScenarioError } from '../../../runtime/errors.js';
import { Channel } from '../../go/channel.js';
import { context, type Context } from '../../go/context.js';
import { select } from '../../go/select.js';
import { EtcdErrors, type Cmp, type GetResponse, type KeyValue, type ResponseHeader, type Session } from '../types.js';
import { compare, op } from '../client.js';
import { electionTracker, type ElectionTracker } from '../split-brain.js';
import { ConcurrencyErrors, goError } from './errors.js';
import { ctxOr, waitDeletes } from './wait.js';

export class Election {
  private readonly keyPrefix: string;
  private leaderKey = '';
  private leaderRev = -1;
  /** Set while this campaigner believes it holds (or is waiting for) the leadership: Go's leaderSession. */
  private leaderSession: Session | null = null;
  private hdr: ResponseHeader | undefined;
  private readonly tracker: ElectionTracker;

  constructor(
    private readonly session: Session,
    readonly prefix: string,
  ) {
    this.keyPrefix = `${prefix}/`;
    this.tracker = electionTracker(session.client.node.cluster, this.keyPrefix);
  }

  /** Wait until elected (the lowest create revision under the prefix), or throw the call's error. */
  async campaign(ctx: Context | undefined, val: string): Promise<void> {
    const c = ctxOr(ctx);
    const s = this.session;
    const client = s.client;
    const k = `${this.keyPrefix}${s.lease.toString(16)}`;
    const resp = await failsOnLease(this, () =>
      client
        .txn(c)
        .if(cmp(k, 'createRevision', '=', 0))
        .then(op.put(k, val, { lease: s.lease }))
        .else(op.get(k))
        .commit(),
    );
    this.leaderKey = k;
    this.leaderRev = resp.header.revision;
    this.leaderSession = s;
    if (!resp.succeeded) {
      const kv = resp.responses[0]!.kvs[0]!;
      this.leaderRev = kv.createRevision;
      if (kv.value !== val) {
        try {
          await this.proclaim(c, val);
        } catch (e) {
          await this.resign(c).catch(() => undefined);
          throw e;
        }
      }
    }
    try {
      await failsOnLease(this, () => waitDeletes(c, client, this.keyPrefix, this.leaderRev - 1));
    } catch (e) {
      // Clean up on a cancelled context (resign), else only forget the leadership, as etcd does.
      if (c.err()) await this.resign(context.background()).catch(() => undefined);
      else this.leaderSession = null;
      throw e;
    }
    this.hdr = resp.header;
    this.tracker.begin(s, k);
  }

  /** The leader sets a new value without a new election; `election: not leader` otherwise. */
  async proclaim(ctx: Context | undefined, val: string): Promise<void> {
    if (this.leaderSession === null) throw goError(ConcurrencyErrors.electionNotLeader);
    const leader = this.leaderSession;
    const tresp = await failsOnLease(this, () =>
      this.session.client
        .txn(ctxOr(ctx))
        .if(cmp(this.leaderKey, 'createRevision', '=', this.leaderRev))
        .then(op.put(this.leaderKey, val, { lease: leader.lease }))
        .commit(),
    );
    if (!tresp.succeeded) {
      this.leaderKey = '';
      // Our key is gone: the node now knows it no longer leads.
      this.tracker.end(this.session, 'proclaim found its key gone (election: not leader)');
      throw goError(ConcurrencyErrors.electionNotLeader);
    }
    this.hdr = tresp.header;
  }

  /** Give up the leadership: delete our key (if it is still ours). A campaigner that does not lead: nothing. */
  async resign(ctx: Context | undefined): Promise<void> {
    if (this.leaderSession === null) return;
    const key = this.leaderKey;
    const rev = this.leaderRev;
    this.tracker.end(this.session, 'resigned');
    this.leaderKey = '';
    this.leaderSession = null;
    const resp = await this.session.client
      .txn(ctxOr(ctx))
      .if(cmp(key, 'createRevision', '=', rev))
      .then(op.delete(key))
      .commit();
    this.hdr = resp.header;
  }

  /** The current leader's key-value (the lowest create revision); `election: no leader` when none. */
  async leader(ctx?: Context): Promise<GetResponse> {
    const resp = await this.session.client.get(this.keyPrefix, { prefix: true, sortBy: 'createRevision', order: 'ascend', limit: 1, ctx: ctxOr(ctx) });
    if (resp.kvs.length === 0) throw goError(ConcurrencyErrors.electionNoLeader);
    return resp;
  }

  /**
   * A channel of leader changes: the current leader (or the first one to come), then each proclaim, then
   * the next leader when its key goes, until `ctx` is done (then the channel closes). A goroutine on the
   * session's node feeds it, as etcd's observe goroutine does.
   */
  observe(ctx: Context | undefined): Channel<GetResponse> {
    currentExecution('election.observe()');
    const c = ctxOr(ctx);
    const ch = new Channel<GetResponse>(0, { name: `observe(${this.prefix})` });
    this.session.node.go(() => this.observeLoop(c, ch), `observe(${this.prefix})`);
    return ch;
  }

  /** The revision of our leader key's creation (each leader has its own): Go's Rev(). */
  rev(): number {
    return this.leaderRev;
  }

  /** Our key in the election (`<prefix>/<lease hex>`), '' when not campaigning: Go's Key(). */
  key(): string {
    return this.leaderKey;
  }

  /** The header of the last successful call: Go's Header(). */
  header(): ResponseHeader | undefined {
    return this.hdr;
  }

  /** The session this election campaigns with (Go's Session()). */
  getSession(): Session {
    return this.session;
  }

  /** @internal the tracker, for a call that found the session's lease gone. */
  sessionLost(why: string): void {
    this.tracker.end(this.session, why);
  }

  private async observeLoop(ctx: Context, ch: Channel<GetResponse>): Promise<void> {
    const client = this.session.client;
    try {
      for (;;) {
        let resp: GetResponse;
        try {
          resp = await client.get(this.keyPrefix, { prefix: true, sortBy: 'createRevision', order: 'ascend', limit: 1, ctx });
        } catch {
          return;
        }
        let kv: KeyValue | undefined;
        let hdr: ResponseHeader;
        if (resp.kvs.length === 0) {
          // Wait for the first key put on the prefix.
          const [cctx, cancel] = context.withCancel(ctx);
          const wch = client.watch(this.keyPrefix, { prefix: true, fromRevision: resp.header.revision, ctx: cctx });
          while (kv === undefined) {
            const r = await wch.recvOk();
            if (!r.ok) {
              await cancel();
              return;
            }
            if (r.value!.type === 'PUT') kv = r.value!.kv;
          }
          hdr = { revision: kv.modRevision };
          await cancel();
        } else {
          hdr = resp.header;
          kv = resp.kvs[0]!;
        }
        if (!(await sendOrDone(ch, ctx, { header: hdr, kvs: [kv], more: false, count: 1 }))) return;
        // Follow the leader's key: its puts (proclaims) until it is deleted.
        const [cctx, cancel] = context.withCancel(ctx);
        const wch = client.watch(kv.key, { fromRevision: hdr.revision + 1, ctx: cctx });
        for (;;) {
          const r = await wch.recvOk();
          if (!r.ok) {
            await cancel();
            return;
          }
          const ev = r.value!;
          if (ev.type === 'DELETE') break;
          if (!(await sendOrDone(ch, cctx, { header: { revision: ev.kv.modRevision }, kvs: [ev.kv], more: false, count: 1 }))) {
            await cancel();
            return;
          }
        }
        await cancel();
      }
    } finally {
      await ch.close();
    }
  }
}

/** Send `v` on `ch` unless `ctx` is done first: whether it was sent. */
async function sendOrDone<T>(ch: Channel<T>, ctx: Context, v: T): Promise<boolean> {
  const r = await select([ch.sendCase(v), ctx.done().recvCase()]);
  return r.index === 0;
}

/** clientv3.Compare(target(key), result, operand), made by the client's `compare` (the txn accepts only those). */
export function cmp(key: string, target: 'createRevision' | 'modRevision' | 'version', result: Cmp['result'], operand: number): Cmp {
  return compare[target](key, result, operand);
}

/** Run a call; a failure because the session's lease is gone tells the election its tenure ended. */
async function failsOnLease<T>(e: Election, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof Error && err.message === EtcdErrors.leaseNotFound) e.sessionLost(`a call failed with ${EtcdErrors.leaseNotFound}`);
    throw err;
  }
}

/** concurrency.NewElection(session, prefix). */
export function newElection(session: Session, prefix: string): Election {
  currentExecution('newElection()');
  if (!session || typeof session !== 'object' || typeof (session as Session).lease !== 'number') {
    throw new ScenarioError('newElection(session, prefix) needs a session from newSession(client)');
  }
  if (typeof prefix !== 'string' || prefix === '') throw new ScenarioError(`newElection(session, prefix) needs a non-empty prefix string, got ${String(prefix)}`);
  return new Election(session, prefix);
}
