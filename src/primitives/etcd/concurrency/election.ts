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
 * - `observe` sends the current leader and every change on a channel fed by the store's writes.
 * Split-brain (split-brain.ts) is told when a tenure begins (campaign returns) and when the node learns
 * it ended (resign, proclaim finding the key gone, a call failing because the lease is gone).
 */
import { currentExecution } from '../../../runtime/current.js';
import { ScenarioError } from '../../../runtime/errors.js';
import { Channel } from '../../go/channel.js';
import { closeWithContext, context, type Context } from '../../go/context.js';
import { EtcdErrors, type Cmp, type GetResponse, type ResponseHeader, type Session } from '../types.js';
import { compare, EtcdClient, op } from '../client.js';
import { electionTracker, type ElectionTracker } from '../split-brain.js';
import { ConcurrencyErrors, goError } from './errors.js';
import { ctxOr, waitDeletes } from './wait.js';

export class Election {
  private readonly keyPrefix: string;
  private leaderKey = '';
  private leaderRev = 0;
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
   * the next leader when its key goes — what etcd's observe goroutine sends — until `ctx` is done, when
   * the channel closes. Fed by the store's writes, not by a goroutine: an unread observe channel is not a
   * leak (contract §2d), and a consumer that reads late gets every change it missed, in order.
   */
  observe(ctx: Context | undefined): Channel<GetResponse> {
    const exec = currentExecution('election.observe()');
    const client = this.session.client;
    if (!(client instanceof EtcdClient)) throw new ScenarioError('election.observe: the session\'s client is not a simulated etcd client');
    const server = client.server;
    const ch = new Channel<GetResponse>(2 ** 31 - 1, { name: `observe(${this.prefix})` });
    let lastKey = '';
    let lastMod = -1;
    const keyPrefix = this.keyPrefix;
    const node = client.node;
    const emit = (): void => {
      // A partitioned node's watches hear nothing until heal: it sees the leader of the next write after.
      if (ch.closed || node.partitionedNow) return;
      const r = server.store.range(keyPrefix, { prefix: true, sortBy: 'createRevision', order: 'ascend', limit: 1 });
      const kv = r.kvs[0];
      if (!kv || (kv.key === lastKey && kv.modRevision === lastMod)) return;
      lastKey = kv.key;
      lastMod = kv.modRevision;
      ch.deliverFromTimer({ header: { revision: kv.modRevision }, kvs: [kv], more: false, count: 1 }, server.clock.copy());
      // The writing step (or the observe call) filled the channel: a write of it, for the explorers.
      exec.noteTouch(ch.id, false);
      exec.touched(ch.id);
    };
    // Reading the store now (the current leader) from goroutine code: a read the explorers must see.
    exec.noteTouch(server.id, true);
    const t = exec.running;
    if (t) server.readBy(t);
    emit();
    client.node.cluster.onWrite((w) => {
      if (w.keys.some((k) => k.startsWith(keyPrefix))) emit();
    });
    closeWithContext(ctxOr(ctx), ch as Channel<unknown>);
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
