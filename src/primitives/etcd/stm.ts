/**
 * concurrency.NewSTM (etcd client/v3/concurrency/stm.go): software transactional memory over txns.
 *
 * `apply(stm)` reads with `get`/`rev` (each a store call, cached in the read set) and buffers writes with
 * `put`/`del` (local, in the write set). Then one txn commits the writes if the isolation's conflict
 * comparisons still hold; otherwise `apply` runs again from scratch. A throw from `apply` aborts: nothing
 * is written and `newSTM` rethrows it; a store call's error (a partitioned node's deadline) aborts too.
 *
 * Isolation levels, as etcd's:
 * - 'serializableSnapshot' (default): reads come from the snapshot of the first read; the commit checks
 *   that every key read is unchanged and that no key written changed since that first read;
 * - 'serializable': the same reads, the commit checks only the keys read;
 * - 'repeatableReads': each key is read once (then cached); the commit checks the keys read;
 * - 'readCommitted': no check at all: concurrent transactions may overwrite each other (lost updates).
 *
 * The simulated store keeps no history, so a serializable read after the first cannot read *at* the
 * snapshot's revision as etcd's `WithRev` does. When the key changed after the snapshot (its modRevision
 * is later), etcd would return the older value and the commit would then fail its comparison: here
 * `apply` is restarted at once instead (it has not written anything yet), which is the same outcome
 * without `apply` ever seeing a mixed view.
 */
import { currentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import type { Context } from '../go/context.js';
import { compare, op } from './client.js';
import { ctxOr } from './concurrency/wait.js';
import type { Client, Cmp, GetResponse, PutOptions, TxnOp, TxnResponse } from './types.js';

export type Isolation = 'serializableSnapshot' | 'serializable' | 'repeatableReads' | 'readCommitted';
const ISOLATIONS: readonly Isolation[] = ['serializableSnapshot', 'serializable', 'repeatableReads', 'readCommitted'];

export interface STMOptions {
  readonly isolation?: Isolation;
  /** The context of every call of the transaction (concurrency.WithAbortContext). */
  readonly ctx?: Context;
  /** Keys read before `apply` runs (concurrency.WithPrefetch). */
  readonly prefetch?: readonly string[];
}

/** What `apply` gets: etcd's STM interface. */
export interface STM {
  /**
   * The value of the first of `keys` ('' if it does not exist), as etcd's Get(keys...): every key not read
   * yet is read in the same call (into the read set), so later gets of them are served locally. A key
   * written in this transaction reads as written.
   */
  get(...keys: string[]): Promise<string>;
  /** Buffer a put (committed with the transaction). */
  put(key: string, value: string, options?: Pick<PutOptions, 'lease'>): void;
  /** The key's modRevision (0 if absent). */
  rev(key: string): Promise<number>;
  /** Buffer a delete. */
  del(key: string): void;
}

interface StmPut {
  readonly val: string;
  readonly op: TxnOp;
}

/** Thrown by a serializable read that found its key changed after the snapshot: run apply again. */
class Restart {}

class Stm implements STM {
  private rset = new Map<string, GetResponse>();
  private wset = new Map<string, StmPut>();
  /** Serializable levels: responses of the failed commit's `else`, used by the next run's reads. */
  private prefetched = new Map<string, GetResponse>();
  /** Serializable levels: the revision of the snapshot (the first read), once read. */
  private snapshot: number | undefined;
  /** A read found its key changed after the snapshot: this run cannot commit (even if apply caught the Restart). */
  private doomed = false;

  constructor(
    private readonly client: Client,
    private readonly ctx: Context,
    private readonly iso: Isolation,
  ) {}

  private get serializable(): boolean {
    return this.iso === 'serializableSnapshot' || this.iso === 'serializable';
  }

  /** Before each run of apply: empty read and write sets; a new snapshot is taken by the run's first read. */
  reset(): void {
    this.rset = new Map();
    this.wset = new Map();
    this.snapshot = undefined;
    this.doomed = false;
  }

  async get(...keys: string[]): Promise<string> {
    for (const k of keys) if (typeof k !== 'string') throw new ScenarioError(`stm.get needs key strings, got ${String(k)}`);
    const w = this.written(keys);
    if (w) return w.val;
    if (this.serializable) {
      const firstRead = this.rset.size === 0;
      for (const k of keys) {
        const p = this.prefetched.get(k);
        if (p) {
          this.prefetched.delete(k);
          this.rset.set(k, p);
        }
      }
      const resp = await this.fetch(keys);
      if (firstRead && resp) this.snapshot = resp.header.revision;
      return valueOf(resp);
    }
    return valueOf(await this.fetch(keys));
  }

  put(key: string, value: string, options: Pick<PutOptions, 'lease'> = {}): void {
    if (typeof key !== 'string' || typeof value !== 'string') throw new ScenarioError(`stm.put(key, value) needs strings, got ${String(key)}, ${String(value)}`);
    const opts = options.lease ? { lease: options.lease } : {};
    this.wset.delete(key);
    this.wset.set(key, { val: value, op: op.put(key, value, opts) });
  }

  del(key: string): void {
    if (typeof key !== 'string') throw new ScenarioError(`stm.del(key) needs a key string, got ${String(key)}`);
    this.wset.delete(key);
    this.wset.set(key, { val: '', op: op.delete(key) });
  }

  async rev(key: string): Promise<number> {
    if (this.serializable) await this.get(key);
    const resp = await this.fetch([key]);
    return resp && resp.kvs.length > 0 ? resp.kvs[0]!.modRevision : 0;
  }

  /** Commit the write set if the isolation's comparisons hold: the response, or null to run apply again. */
  async commit(): Promise<TxnResponse | null> {
    if (this.doomed) return null;
    const puts = [...this.wset.values()].map((p) => p.op);
    if (!this.serializable) {
      const resp = await this.client.txn(this.ctx).if(...this.conflicts()).then(...puts).commit();
      return resp.succeeded ? resp : null;
    }
    const keys = [...this.rset.keys()];
    const gets: TxnOp[] = keys.map((key) => op.get(key));
    const resp = await this.client.txn(this.ctx).if(...this.conflicts()).then(...puts).else(...gets).commit();
    if (resp.succeeded) return resp;
    // Use the else branch's reads for the next run (etcd's prefetch), from a new snapshot.
    this.prefetched = new Map();
    keys.forEach((k, i) => this.prefetched.set(k, resp.responses[i]!));
    this.snapshot = undefined;
    return null;
  }

  private conflicts(): Cmp[] {
    if (this.iso === 'readCommitted') return [];
    const cmps: Cmp[] = [];
    for (const [k, r] of this.rset) cmps.push(isKeyCurrent(k, r));
    if (this.iso === 'serializableSnapshot') {
      // No key written may have changed since the first read.
      let first = Number.MAX_SAFE_INTEGER - 1;
      for (const r of this.rset.values()) first = Math.min(first, r.header.revision);
      for (const k of this.wset.keys()) cmps.push(compare.modRevision(k, '<', first + 1));
    }
    return cmps;
  }

  private written(keys: string[]): StmPut | undefined {
    for (const k of keys) {
      const w = this.wset.get(k);
      if (w) return w;
    }
    return undefined;
  }

  /** The first key's response, reading every key not read yet in one txn (cached in the read set). */
  private async fetch(keys: string[]): Promise<GetResponse | undefined> {
    if (keys.length === 0) return undefined;
    for (const k of keys) {
      const r = this.rset.get(k);
      if (r) return r;
    }
    const ops: TxnOp[] = keys.map((key) => op.get(key));
    const resp = await this.client.txn(this.ctx).then(...ops).commit();
    const snap = this.serializable ? this.snapshot : undefined;
    keys.forEach((k, i) => {
      const r = resp.responses[i]!;
      // Changed after the snapshot: etcd's read at the snapshot would give an older value and doom the commit.
      if (snap !== undefined && r.kvs.length > 0 && r.kvs[0]!.modRevision > snap) {
        this.doomed = true;
        throw new Restart();
      }
      this.rset.set(k, r);
    });
    return resp.responses[0]!;
  }
}

function isKeyCurrent(key: string, r: GetResponse): Cmp {
  return compare.modRevision(key, '=', r.kvs.length > 0 ? r.kvs[0]!.modRevision : 0);
}

function valueOf(r: GetResponse | undefined): string {
  return r && r.kvs.length > 0 ? r.kvs[0]!.value : '';
}

/**
 * concurrency.NewSTM(client, apply, { isolation }): run `apply` until its transaction commits; resolves to
 * the commit's txn response. A throw from `apply` (or from a store call) aborts and is rethrown.
 */
export async function newSTM(client: Client, apply: (stm: STM) => unknown, options: STMOptions = {}): Promise<TxnResponse> {
  currentExecution('newSTM()');
  if (!client || typeof client !== 'object' || typeof (client as Client).txn !== 'function') throw new ScenarioError('newSTM(client, apply) needs a node\'s client (node.client)');
  if (typeof apply !== 'function') throw new ScenarioError('newSTM(client, apply) needs an apply function: async (stm) => { … }');
  const iso = options.isolation ?? 'serializableSnapshot';
  if (!ISOLATIONS.includes(iso)) throw new ScenarioError(`newSTM: unknown isolation '${String(iso)}' (use ${ISOLATIONS.map((i) => `'${i}'`).join(', ')})`);
  const s = new Stm(client, ctxOr(options.ctx), iso);
  const prefetch = options.prefetch ?? [];
  for (;;) {
    s.reset();
    try {
      if (prefetch.length > 0) await s.get(...prefetch);
      await apply(s);
    } catch (e) {
      if (e instanceof Restart) continue;
      throw e;
    }
    let resp: TxnResponse | null;
    try {
      resp = await s.commit();
    } catch (e) {
      if (e instanceof Restart) continue;
      throw e;
    }
    if (resp) return resp;
  }
}
