/**
 * concurrency.Mutex and concurrency.NewLocker (etcd client/v3/concurrency/mutex.go), step for step.
 *
 * etcd's algorithm:
 * - `tryAcquire`: one txn puts `<prefix>/<lease in hex>` under the session's lease if it does not exist
 *   (else gets it: a session that holds the lock reuses its key), and in both branches gets the key with
 *   the lowest create revision under the prefix, the owner;
 * - we own the lock when there is no owner or the owner's create revision is ours; else `lock` waits for
 *   every key with a lower create revision to go (waitDeletes), so waiters are served FIFO by revision;
 * - after the wait, `lock` reads its own key again: gone means the session's lease expired while it
 *   waited, `mutex: session is expired`;
 * - `tryLock` does not wait: it deletes its key and throws `mutex: Locked by another session`;
 * - `unlock` deletes the key; `isOwner()` is the comparison `createRevision(key) = myRev` to fence a write
 *   in a txn: it fails once the key is gone (the lease expired), whatever the holder believes.
 */
import { currentExecution } from '../../../runtime/current.js';
import { ScenarioError } from '../../../runtime/errors.js';
import type { Context } from '../../go/context.js';
import { EtcdErrors, type Cmp, type ResponseHeader, type Session, type TxnResponse } from '../types.js';
import { sessionEndObserved } from '../split-brain.js';
import { op } from '../client.js';
import { cmp } from './election.js';
import { ConcurrencyErrors, goError } from './errors.js';
import { ctxOr, waitDeletes } from './wait.js';

export class EtcdMutex {
  private readonly pfx: string;
  private myKey = '';
  private myRev = -1;
  private hdr: ResponseHeader | undefined;

  constructor(
    private readonly session: Session,
    prefix: string,
  ) {
    this.pfx = `${prefix}/`;
  }

  /** Take the lock: wait behind every earlier waiter. Throws the call's error, or `mutex: session is expired`. */
  async lock(ctx?: Context): Promise<void> {
    const c = ctxOr(ctx);
    const resp = await this.tryAcquire(c);
    const owner = resp.responses[1]!.kvs;
    if (owner.length === 0 || owner[0]!.createRevision === this.myRev) {
      this.hdr = resp.header;
      return;
    }
    const client = this.session.client;
    try {
      await waitDeletes(c, client, this.pfx, this.myRev - 1);
    } catch (e) {
      await this.unlock().catch(() => undefined);
      throw e;
    }
    // Make sure the session did not expire while we waited: our key must still be there.
    let gresp;
    try {
      gresp = await client.get(this.myKey, { ctx: c });
    } catch (e) {
      await this.unlock().catch(() => undefined);
      throw e;
    }
    if (gresp.kvs.length === 0) {
      sessionEndObserved(this.session, ConcurrencyErrors.sessionExpired);
      throw goError(ConcurrencyErrors.sessionExpired);
    }
    this.hdr = gresp.header;
  }

  /** Take the lock if it is free (or ours), else `mutex: Locked by another session` at once. */
  async tryLock(ctx?: Context): Promise<void> {
    const c = ctxOr(ctx);
    const resp = await this.tryAcquire(c);
    const owner = resp.responses[1]!.kvs;
    if (owner.length === 0 || owner[0]!.createRevision === this.myRev) {
      this.hdr = resp.header;
      return;
    }
    await this.session.client.delete(this.myKey, { ctx: c });
    this.myKey = '\x00';
    this.myRev = -1;
    throw goError(ConcurrencyErrors.locked);
  }

  /** Release: delete our key (whoever waits behind it goes next). */
  async unlock(ctx?: Context): Promise<void> {
    await this.session.client.delete(this.myKey, { ctx: ctxOr(ctx) });
    this.myKey = '\x00';
    this.myRev = -1;
  }

  /** The comparison that holds only while we own the lock: `txn().if(m.isOwner()).then(…)` fences a write. */
  isOwner(): Cmp {
    return cmp(this.myKey, 'createRevision', '=', this.myRev);
  }

  /** Our key under the prefix ('' before the first lock, '\x00' after an unlock), as Go's Key(). */
  key(): string {
    return this.myKey;
  }

  /** The header of the call that took the lock: Go's Header(). */
  header(): ResponseHeader | undefined {
    return this.hdr;
  }

  private async tryAcquire(ctx: Context): Promise<TxnResponse> {
    const s = this.session;
    this.myKey = `${this.pfx}${s.lease.toString(16)}`;
    const getOwner = op.get(this.pfx, { prefix: true, sortBy: 'createRevision', order: 'ascend', limit: 1 });
    let resp: TxnResponse;
    try {
      resp = await s.client
        .txn(ctx)
        .if(cmp(this.myKey, 'createRevision', '=', 0))
        .then(op.put(this.myKey, '', { lease: s.lease }), getOwner)
        .else(op.get(this.myKey), getOwner)
        .commit();
    } catch (e) {
      if (e instanceof Error && e.message === EtcdErrors.leaseNotFound) sessionEndObserved(s, EtcdErrors.leaseNotFound);
      throw e;
    }
    this.myRev = resp.header.revision;
    if (!resp.succeeded) this.myRev = resp.responses[0]!.kvs[0]!.createRevision;
    return resp;
  }
}

/** concurrency.NewLocker: Go's sync.Locker over a Mutex; an error (which Locker cannot return) panics. */
export class EtcdLocker {
  private readonly m: EtcdMutex;
  constructor(session: Session, prefix: string) {
    this.m = new EtcdMutex(session, prefix);
  }
  async lock(): Promise<void> {
    await this.m.lock();
  }
  async unlock(): Promise<void> {
    await this.m.unlock();
  }
}

function checkArgs(what: string, session: Session, prefix: string): void {
  currentExecution(`${what}()`);
  if (!session || typeof session !== 'object' || typeof (session as Session).lease !== 'number') {
    throw new ScenarioError(`${what}(session, prefix) needs a session from newSession(client)`);
  }
  if (typeof prefix !== 'string' || prefix === '') throw new ScenarioError(`${what}(session, prefix) needs a non-empty prefix string, got ${String(prefix)}`);
}

/** concurrency.NewMutex(session, prefix). */
export function newMutex(session: Session, prefix: string): EtcdMutex {
  checkArgs('newMutex', session, prefix);
  return new EtcdMutex(session, prefix);
}

/** concurrency.NewLocker(session, prefix): `lock()`/`unlock()` that throw (Go panics) on an error. */
export function newLocker(session: Session, prefix: string): EtcdLocker {
  checkArgs('newLocker', session, prefix);
  return new EtcdLocker(session, prefix);
}
