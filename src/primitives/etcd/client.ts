/**
 * A node's etcd client (clientv3.Client): get, put, delete, txn, watch and the lease calls. Each call
 * that reaches the store is one EtcdCallOp (call.ts); `txn()` and its builder, `compare.*`, `op.*` and
 * `watch` are computed locally (synchronous), as in Go.
 */
import { currentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import { callerLocation } from '../../runtime/locations.js';
import type { Thread } from '../../runtime/thread.js';
import { Channel } from '../go/channel.js';
import { closeWithContext, isContext, type Context } from '../go/context.js';
import { EtcdCallOp } from './call.js';
import type { Touch } from '../../runtime/op.js';
import type { EtcdServer, ServerNode, Watcher } from './server.js';
import type { OpResult } from './store.js';
import type {
  CallOptions,
  Client,
  Cmp,
  CompareResult,
  CompareTarget,
  DeleteOptions,
  DeleteResponse,
  GetOptions,
  GetResponse,
  LeaseGrantResponse,
  SortOrder,
  SortTarget,
  LeaseKeepAliveResponse,
  LeaseTimeToLiveResponse,
  PutOptions,
  PutResponse,
  Txn,
  TxnOp,
  TxnOpResponse,
  TxnResponse,
  WatchEvent,
  WatchOptions,
} from './types.js';
import { leaseNotFoundError } from './types.js';

/**
 * The sort targets and orders, as the camelCased names of clientv3's SortBy… and Sort… constants and their
 * obvious short forms, in any case: 'createRevision', 'create', 'SortByCreateRevision'; 'descend', 'desc'.
 */
const SORT_TARGETS: Record<string, SortTarget> = {
  key: 'key',
  version: 'version',
  create: 'createRevision',
  createrevision: 'createRevision',
  createrev: 'createRevision',
  mod: 'modRevision',
  modrevision: 'modRevision',
  modrev: 'modRevision',
  value: 'value',
};
const SORT_ORDERS: Record<string, SortOrder> = { none: 'none', ascend: 'ascend', asc: 'ascend', ascending: 'ascend', descend: 'descend', desc: 'descend', descending: 'descend' };

function canonical(x: unknown, prefix: RegExp): string | undefined {
  return typeof x === 'string' ? x.toLowerCase().replace(/[_\-\s]/g, '').replace(prefix, '') : undefined;
}

const RESULTS: CompareResult[] = ['=', '!=', '<', '>'];

// ---- argument checks: a bad argument is a scenario error with one clear line ----------------------

function checkKey(what: string, key: unknown): asserts key is string {
  if (typeof key !== 'string') throw new ScenarioError(`${what}: the key must be a string, got ${typeof key}`);
}

function checkOptions(what: string, o: unknown, allowed: readonly string[]): void {
  if (o === undefined) return;
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new ScenarioError(`${what}: options must be an object like { ${allowed.join(', ')} }`);
  for (const k of Object.keys(o)) if (!allowed.includes(k)) throw new ScenarioError(`${what}: unknown option '${k}' (options: ${allowed.join(', ')})`);
  const ctx = (o as CallOptions).ctx;
  if (ctx !== undefined && !isContext(ctx)) throw new ScenarioError(`${what}: ctx must be a context (context.background() or a derived one)`);
}

const GET_OPTIONS = ['ctx', 'prefix', 'sortBy', 'order', 'limit', 'countOnly', 'keysOnly', 'maxCreateRevision'];
const PUT_OPTIONS = ['ctx', 'lease', 'prevKv'];
const DELETE_OPTIONS = ['ctx', 'prefix', 'prevKv'];
const WATCH_OPTIONS = ['ctx', 'prefix', 'fromRevision', 'prevKv'];

function checkGet(what: string, key: unknown, o: GetOptions | undefined): asserts key is string {
  checkKey(what, key);
  checkOptions(what, o, GET_OPTIONS);
  if (o?.sortBy !== undefined && SORT_TARGETS[canonical(o.sortBy, /^sortby/) ?? ''] === undefined) {
    throw new ScenarioError(`${what}: sortBy must be one of 'key', 'version', 'createRevision', 'modRevision', 'value', got ${String(o.sortBy)}`);
  }
  if (o?.order !== undefined && SORT_ORDERS[canonical(o.order, /^sort/) ?? ''] === undefined) {
    throw new ScenarioError(`${what}: order must be one of 'ascend', 'descend', 'none', got ${String(o.order)}`);
  }
  if (o?.limit !== undefined && !(Number.isInteger(o.limit) && o.limit >= 0)) throw new ScenarioError(`${what}: limit must be a whole number, got ${String(o.limit)}`);
}

/** The options of a checked get with its sort target and order in their canonical names (store.ts reads those). */
function normalGet(o: GetOptions): GetOptions {
  if (o.sortBy === undefined && o.order === undefined) return o;
  return {
    ...o,
    ...(o.sortBy !== undefined && { sortBy: SORT_TARGETS[canonical(o.sortBy, /^sortby/)!]! }),
    ...(o.order !== undefined && { order: SORT_ORDERS[canonical(o.order, /^sort/)!]! }),
  };
}

function checkPut(what: string, key: unknown, value: unknown, o: PutOptions | undefined): asserts key is string {
  checkKey(what, key);
  if (typeof value !== 'string') throw new ScenarioError(`${what}: the value must be a string, got ${typeof value} (etcd stores bytes: convert with String(x))`);
  checkOptions(what, o, PUT_OPTIONS);
  if (o?.lease !== undefined && !(Number.isInteger(o.lease) && o.lease >= 0)) throw new ScenarioError(`${what}: lease must be a lease ID (a number), got ${String(o.lease)}`);
}

function checkDelete(what: string, key: unknown, o: DeleteOptions | undefined): asserts key is string {
  checkKey(what, key);
  checkOptions(what, o, DELETE_OPTIONS);
}

function checkTtl(what: string, ttl: unknown): asserts ttl is number {
  if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0) throw new ScenarioError(`${what}: ttl must be a positive number of ms of virtual time, got ${String(ttl)}`);
}

function checkLeaseId(what: string, id: unknown): asserts id is number {
  if (typeof id !== 'number' || !Number.isInteger(id)) throw new ScenarioError(`${what}: the lease ID must be a number, got ${String(id)}`);
}

function q(key: string): string {
  return JSON.stringify(key);
}

// ---- compare and op: what a txn is built from ----------------------------------------------------

function cmp(target: CompareTarget) {
  return (key: string, result: CompareResult, operand: string | number): Cmp => {
    const what = `compare.${target}(key, op, x)`;
    checkKey(what, key);
    if (!RESULTS.includes(result)) throw new ScenarioError(`${what}: op must be one of '=', '!=', '<', '>', got ${String(result)}`);
    if (target === 'value' ? typeof operand !== 'string' : typeof operand !== 'number') {
      throw new ScenarioError(`${what}: compares with a ${target === 'value' ? 'string' : 'number'}, got ${typeof operand}`);
    }
    return Object.freeze({ key, target, result, operand });
  };
}

/** clientv3.Compare(clientv3.Value(key), op, x), …: comparisons for `txn().if(…)`. */
export const compare = {
  value: cmp('value') as (key: string, result: CompareResult, value: string) => Cmp,
  createRevision: cmp('createRevision') as (key: string, result: CompareResult, revision: number) => Cmp,
  modRevision: cmp('modRevision') as (key: string, result: CompareResult, revision: number) => Cmp,
  version: cmp('version') as (key: string, result: CompareResult, version: number) => Cmp,
  lease: cmp('lease') as (key: string, result: CompareResult, lease: number) => Cmp,
};

/** clientv3.OpGet, OpPut, OpDelete: operations for `txn().then(…)` / `.else(…)`. */
export const op = {
  get(key: string, options: GetOptions = {}): TxnOp {
    checkGet('op.get(key, options?)', key, options);
    if (options.ctx) throw new ScenarioError('op.get: a txn op takes no ctx (pass it to client.txn(ctx))');
    return Object.freeze({ type: 'get', key, options: normalGet(options) });
  },
  put(key: string, value: string, options: PutOptions = {}): TxnOp {
    checkPut('op.put(key, value, options?)', key, value, options);
    if (options.ctx) throw new ScenarioError('op.put: a txn op takes no ctx (pass it to client.txn(ctx))');
    return Object.freeze({ type: 'put', key, value, options });
  },
  delete(key: string, options: DeleteOptions = {}): TxnOp {
    checkDelete('op.delete(key, options?)', key, options);
    if (options.ctx) throw new ScenarioError('op.delete: a txn op takes no ctx (pass it to client.txn(ctx))');
    return Object.freeze({ type: 'delete', key, options });
  },
};

function isCmp(x: unknown): x is Cmp {
  return typeof x === 'object' && x !== null && Object.isFrozen(x) && 'target' in x && 'result' in x;
}

function isTxnOp(x: unknown): x is TxnOp {
  return typeof x === 'object' && x !== null && Object.isFrozen(x) && 'type' in x && 'options' in x;
}

// ---- the client -------------------------------------------------------------------------------------

export class EtcdClient implements Client {
  constructor(
    readonly server: EtcdServer,
    readonly node: ServerNode,
  ) {}

  private call<T>(
    kind: ConstructorParameters<typeof EtcdCallOp<T>>[1],
    what: string,
    write: boolean | (() => boolean),
    ctx: Context | undefined,
    run: (t: Thread) => T,
    summary?: (v: T) => string,
    extra?: () => readonly Touch[],
  ): Promise<T> {
    return new EtcdCallOp<T>(this.server, kind, what, write, this.node, ctx, run, summary, undefined, extra);
  }

  private header() {
    return { revision: this.server.store.revision };
  }

  get(key: string, given: GetOptions = {}): Promise<GetResponse> {
    checkGet('client.get(key, options?)', key, given);
    const options = normalGet(given);
    return this.call('get', `get(${q(key)}${options.prefix ? ', prefix' : ''})`, false, options.ctx, (t) => {
      this.server.readBy(t);
      const r = this.server.store.range(key, options);
      return { header: this.header(), kvs: r.kvs, more: r.more, count: r.count };
    }, (r) => `${r.count} key(s)${r.kvs.length === 1 ? ` (value ${q(r.kvs[0]!.value)})` : ''}`);
  }

  put(key: string, value: string, options: PutOptions = {}): Promise<PutResponse> {
    checkPut('client.put(key, value, options?)', key, value, options);
    return this.call('put', `put(${q(key)}, ${q(value)}${options.lease ? `, lease ${options.lease}` : ''})`, true, options.ctx, (t) => {
      const r = this.server.store.put(key, value, options.lease ?? 0);
      this.server.writeBy(t);
      this.server.applied(r.events, { node: this.node, thread: t, via: 'put' });
      return options.prevKv && r.prevKv ? { header: this.header(), prevKv: r.prevKv } : { header: this.header() };
    }, () => `revision ${this.server.store.revision}`);
  }

  delete(key: string, options: DeleteOptions = {}): Promise<DeleteResponse> {
    checkDelete('client.delete(key, options?)', key, options);
    const writes = (): boolean => this.server.store.keysIn(key, options.prefix === true).length > 0;
    return this.call('delete', `delete(${q(key)}${options.prefix ? ', prefix' : ''})`, writes, options.ctx, (t) => {
      const r = this.server.store.deleteRange(key, options);
      if (r.deleted.length > 0) this.server.writeBy(t);
      else this.server.readBy(t);
      this.server.applied(r.events, { node: this.node, thread: t, via: 'delete' });
      return options.prevKv ? { header: this.header(), deleted: r.deleted.length, prevKvs: r.deleted } : { header: this.header(), deleted: r.deleted.length };
    }, (r) => `${r.deleted} deleted`);
  }

  txn(ctx?: Context): Txn {
    if (ctx !== undefined && !isContext(ctx)) throw new ScenarioError('client.txn(ctx?): ctx must be a context');
    return new TxnBuilder(this, ctx);
  }

  /** Commit a built txn (TxnBuilder.commit). */
  commitTxn(cmps: readonly Cmp[], then: readonly TxnOp[], els: readonly TxnOp[], ctx: Context | undefined): Promise<TxnResponse> {
    // It writes when the branch its comparisons choose now puts, or deletes a key that exists.
    const writes = (): boolean => {
      const store = this.server.store;
      const ops = cmps.every((c) => store.compare(c)) ? then : els;
      return ops.some((o) => o.type === 'put' || (o.type === 'delete' && store.keysIn(o.key, o.options.prefix === true).length > 0));
    };
    const what = `txn(if ${cmps.length} cmp(s), then ${then.length} op(s), else ${els.length} op(s))`;
    return this.call('txn', what, writes, ctx, (t) => {
      const { result, events } = this.server.store.txn(cmps, then, els);
      if (events.length > 0) this.server.writeBy(t);
      else this.server.readBy(t);
      this.server.applied(events, { node: this.node, thread: t, via: 'txn' });
      const header = this.header();
      return { header, succeeded: result.succeeded, responses: result.results.map((r) => opResponse(r, header, result.succeeded ? then : els)) };
    }, (r) => (r.succeeded ? 'succeeded' : 'failed (else branch)'));
  }

  watch(key: string, options: WatchOptions = {}): Channel<WatchEvent> {
    const what = 'client.watch(key, options?)';
    checkKey(what, key);
    checkOptions(what, options, WATCH_OPTIONS);
    const from = options.fromRevision ?? 0;
    if (!(Number.isInteger(from) && from >= 0)) throw new ScenarioError(`${what}: fromRevision must be a revision (a whole number), got ${String(from)}`);
    const exec = currentExecution('client.watch()');
    const ch = new Channel<WatchEvent>(2 ** 31 - 1, { name: `watch(${q(key)}${options.prefix ? ', prefix' : ''})` });
    const by = exec.running;
    const w: Watcher = { key, prefix: options.prefix === true, prevKv: options.prevKv === true, ch, node: this.node, held: [], ownedByNode: by !== null && (by.group as unknown) === this.node };
    // Registering reads the history and changes who the next writes feed: a write of the server, made
    // by goroutine code (no step), which the explorers see as a touch of the current event.
    exec.noteTouch(this.server.id, false);
    if (by) this.server.readBy(by);
    this.server.watch(w, from);
    if (options.ctx) closeWithContext(options.ctx, ch as Channel<unknown>);
    return ch;
  }

  grant(ttl: number, options: CallOptions = {}): Promise<LeaseGrantResponse> {
    checkTtl('client.grant(ttl, options?)', ttl);
    checkOptions('client.grant', options, ['ctx']);
    return this.call('grant', `grant(${ttl} ms)`, true, options.ctx, (t) => {
      this.server.writeBy(t);
      const life = this.server.grant(ttl, this.node, false, () => []);
      return { header: this.header(), id: life.id, ttl };
    }, (r) => `lease ${r.id}`);
  }

  revoke(lease: number, options: CallOptions = {}): Promise<void> {
    checkLeaseId('client.revoke(lease, options?)', lease);
    checkOptions('client.revoke', options, ['ctx']);
    // Revoking ends the lease's session, if it has one: it closes the session's channels.
    const ends = (): readonly Touch[] => (this.server.life(lease)?.endChannels() ?? []).map((c) => ({ id: c.id, read: false }));
    return this.call('revoke', `revoke(lease ${lease})`, true, options.ctx, (t) => {
      if (!this.server.endLease(lease, 'revoked', t, this.node)) throw leaseNotFoundError(lease);
    }, undefined, ends);
  }

  keepAliveOnce(lease: number, options: CallOptions = {}): Promise<LeaseKeepAliveResponse> {
    checkLeaseId('client.keepAliveOnce(lease, options?)', lease);
    checkOptions('client.keepAliveOnce', options, ['ctx']);
    return this.call('keepAlive', `keepAliveOnce(lease ${lease})`, true, options.ctx, (t) => {
      const life = this.server.life(lease);
      if (!life) throw leaseNotFoundError(lease);
      this.server.writeBy(t);
      this.server.renew(life);
      return { header: this.header(), id: lease, ttl: life.ttl };
    });
  }

  timeToLive(lease: number, options: CallOptions = {}): Promise<LeaseTimeToLiveResponse> {
    checkLeaseId('client.timeToLive(lease, options?)', lease);
    checkOptions('client.timeToLive', options, ['ctx']);
    return this.call('timeToLive', `timeToLive(lease ${lease})`, false, options.ctx, (t) => {
      this.server.readBy(t);
      const life = this.server.life(lease);
      const state = this.server.store.leases.get(lease);
      if (!life || !state) return { header: this.header(), id: lease, ttl: -1, grantedTtl: 0, keys: [] };
      // A lease its keep-alive renews has its whole TTL left; otherwise what remains until its expiry.
      const left = life.timer ? Math.max(0, life.timer.deadline - this.server.exec.time) : life.ttl;
      return { header: this.header(), id: lease, ttl: left, grantedTtl: life.ttl, keys: [...state.keys].sort() };
    });
  }
}

function opResponse(r: OpResult, header: { revision: number }, _ops: readonly TxnOp[]): TxnOpResponse {
  if (r.type === 'get') return { header, kvs: r.range.kvs, more: r.range.more, count: r.range.count } as unknown as TxnOpResponse;
  if (r.type === 'put') return (r.prevKv ? { header, prevKv: r.prevKv } : { header }) as unknown as TxnOpResponse;
  return { header, deleted: r.deleted.length, prevKvs: r.deleted } as unknown as TxnOpResponse;
}

/**
 * etcd's Txn builder: `if` at most once, then `then` and `else` at most once each, as clientv3 panics
 * otherwise. It has a `then` method, so `await builder` would call it with the promise's callbacks:
 * that is refused with a clear error (await `commit()`).
 */
class TxnBuilder implements Txn {
  private cmps: Cmp[] | null = null;
  private thenOps: TxnOp[] | null = null;
  private elseOps: TxnOp[] | null = null;
  private committed = false;
  /** Where the scenario built it (the line a refused `await builder` names: that await has no scenario frame). */
  private readonly at: string | undefined;

  constructor(
    private readonly client: EtcdClient,
    private readonly ctx: Context | undefined,
  ) {
    this.at = client.server.exec.captureLocations ? callerLocation() : undefined;
  }

  if(...cmps: Cmp[]): Txn {
    if (this.cmps !== null) throw new ScenarioError('txn: if() called twice (etcd panics: "cannot call If twice!")');
    if (this.thenOps !== null || this.elseOps !== null) throw new ScenarioError('txn: if() after then()/else() (etcd panics: "cannot call If after Then!")');
    for (const c of cmps) if (!isCmp(c)) throw new ScenarioError('txn.if(…): each argument must be a comparison made by compare.value/createRevision/modRevision/version(key, op, x)');
    this.cmps = cmps;
    return this;
  }

  then(...ops: TxnOp[]): Txn {
    if (ops.some((o) => typeof o === 'function')) {
      throw new ScenarioError('a txn builder was awaited: await txn().if(…).then(…).else(…).commit(), not the builder', this.at);
    }
    if (this.thenOps !== null) throw new ScenarioError('txn: then() called twice (etcd panics: "cannot call Then twice!")');
    if (this.elseOps !== null) throw new ScenarioError('txn: then() after else() (etcd panics: "cannot call Then after Else!")');
    for (const o of ops) if (!isTxnOp(o)) throw new ScenarioError('txn.then(…): each argument must be an operation made by op.get/put/delete(…)');
    this.thenOps = ops;
    return this;
  }

  else(...ops: TxnOp[]): Txn {
    if (this.elseOps !== null) throw new ScenarioError('txn: else() called twice (etcd panics: "cannot call Else twice!")');
    for (const o of ops) if (!isTxnOp(o)) throw new ScenarioError('txn.else(…): each argument must be an operation made by op.get/put/delete(…)');
    this.elseOps = ops;
    return this;
  }

  commit(): Promise<TxnResponse> {
    if (this.committed) throw new ScenarioError('txn: commit() called twice on one builder (build a new txn for each attempt)');
    this.committed = true;
    return this.client.commitTxn(this.cmps ?? [], this.thenOps ?? [], this.elseOps ?? [], this.ctx);
  }
}
