/**
 * The simulated etcd's public shapes (shared/scenario-api.md §2d), and the hooks the recipes, `critical`
 * and the split-brain detector (part B) build on. Stable: names are only ever added, never renamed.
 *
 * Conventions: keys and values are strings; revisions, versions and lease IDs are numbers; a Go error is
 * thrown (the Promise rejects) as an `Error` whose message is Go's text (EtcdErrors below).
 */
import type { Channel } from '../go/channel.js';
import type { Context } from '../go/context.js';
import type { Thread } from '../../runtime/thread.js';

// ---- responses -------------------------------------------------------------------------------

export interface ResponseHeader {
  /** The store's global revision when the call was served. */
  readonly revision: number;
}

export interface KeyValue {
  readonly key: string;
  readonly value: string;
  readonly createRevision: number;
  readonly modRevision: number;
  /** 1 after the key's creation, +1 per put; a deleted key's version is 0. */
  readonly version: number;
  /** The lease it is attached to, 0 for none. */
  readonly lease: number;
}

export interface GetResponse {
  readonly header: ResponseHeader;
  readonly kvs: KeyValue[];
  /** More keys matched than `limit` returned. */
  readonly more: boolean;
  /** How many keys matched (before `limit`). */
  readonly count: number;
}

export interface PutResponse {
  readonly header: ResponseHeader;
  /** The previous key-value, with `{ prevKv: true }` when the key existed. */
  readonly prevKv?: KeyValue;
}

export interface DeleteResponse {
  readonly header: ResponseHeader;
  /** How many keys were deleted. */
  readonly deleted: number;
  /** The deleted key-values, with `{ prevKv: true }`. */
  readonly prevKvs?: KeyValue[];
}

/**
 * One response of a txn's `responses`: at run time it is the op's own response (a GetResponse for
 * `op.get`, …). Typed as the intersection so `resp.responses[0].kvs` reads as in etcd's Go
 * (`Responses[0].GetResponseRange().Kvs`); only the fields of the op's own kind are present.
 */
export type TxnOpResponse = GetResponse & PutResponse & DeleteResponse;

export interface TxnResponse {
  readonly header: ResponseHeader;
  /** Whether every comparison held (the `then` branch ran) or not (`else`). */
  readonly succeeded: boolean;
  readonly responses: TxnOpResponse[];
}

export type EventType = 'PUT' | 'DELETE';

export interface WatchEvent {
  readonly type: EventType;
  /** For a PUT the new key-value; for a DELETE the key with modRevision = the deletion's revision, value '' and version 0. */
  readonly kv: KeyValue;
  /** The key-value before the event, with `{ prevKv: true }` on the watch. */
  readonly prevKv?: KeyValue;
}

// ---- options ---------------------------------------------------------------------------------

/** etcd's SortByKey, SortByVersion, SortByCreateRevision, SortByModRevision, SortByValue ('create'/'mod' accepted too). */
export type SortTarget = 'key' | 'version' | 'createRevision' | 'modRevision' | 'value' | 'create' | 'mod';
/** etcd's SortNone, SortAscend, SortDescend ('asc'/'desc' accepted too). */
export type SortOrder = 'none' | 'ascend' | 'descend' | 'asc' | 'desc';

export interface CallOptions {
  /** As etcd passes one to every call: a partitioned node's call fails with the ctx's error when it is done. */
  readonly ctx?: Context;
}

export interface GetOptions extends CallOptions {
  /** Every key starting with `key` (clientv3.WithPrefix). */
  readonly prefix?: boolean;
  readonly sortBy?: SortTarget;
  /** Default 'ascend' when sortBy is given, else keys in ascending key order. */
  readonly order?: SortOrder;
  /** At most this many kvs (0 or absent: no limit). */
  readonly limit?: number;
  /** Only count the keys (kvs empty). */
  readonly countOnly?: boolean;
  /** Keys without values. */
  readonly keysOnly?: boolean;
  /** Only keys with createRevision <= this (clientv3.WithMaxCreateRev, used by waitDeletes). */
  readonly maxCreateRevision?: number;
}

export interface PutOptions extends CallOptions {
  /** Attach the key to this lease (0: none): the key is deleted when the lease expires or is revoked. */
  readonly lease?: number;
  readonly prevKv?: boolean;
}

export interface DeleteOptions extends CallOptions {
  readonly prefix?: boolean;
  readonly prevKv?: boolean;
}

export interface WatchOptions extends CallOptions {
  readonly prefix?: boolean;
  /** Deliver every event from this revision on (0/absent: only events after the watch starts). */
  readonly fromRevision?: number;
  readonly prevKv?: boolean;
}

// ---- txn -------------------------------------------------------------------------------------

export type CompareTarget = 'value' | 'createRevision' | 'modRevision' | 'version' | 'lease';
export type CompareResult = '=' | '!=' | '<' | '>';

/** A comparison of a txn's `if` (clientv3.Compare): a missing key has createRevision, modRevision, version 0 and value ''. */
export interface Cmp {
  readonly key: string;
  readonly target: CompareTarget;
  readonly result: CompareResult;
  readonly operand: string | number;
}

/** An operation of a txn's `then`/`else` (clientv3.OpGet/OpPut/OpDelete). */
export type TxnOp =
  | { readonly type: 'get'; readonly key: string; readonly options: GetOptions }
  | { readonly type: 'put'; readonly key: string; readonly value: string; readonly options: PutOptions }
  | { readonly type: 'delete'; readonly key: string; readonly options: DeleteOptions };

/** etcd's Txn builder: `client.txn().if(…).then(…).else(…).commit()`. Only `commit()` reaches the store. */
export interface Txn {
  if(...cmps: Cmp[]): Txn;
  then(...ops: TxnOp[]): Txn;
  else(...ops: TxnOp[]): Txn;
  commit(): Promise<TxnResponse>;
}

// ---- leases ----------------------------------------------------------------------------------

export interface LeaseGrantResponse {
  readonly header: ResponseHeader;
  /** The lease ID (etcd's `ID`). */
  readonly id: number;
  /** Its TTL in ms of virtual time. */
  readonly ttl: number;
}

export interface LeaseKeepAliveResponse {
  readonly header: ResponseHeader;
  readonly id: number;
  readonly ttl: number;
}

export interface LeaseTimeToLiveResponse {
  readonly header: ResponseHeader;
  readonly id: number;
  /** Remaining ms, -1 when the lease is gone. */
  readonly ttl: number;
  readonly grantedTtl: number;
  readonly keys: string[];
}

// ---- client, session, node, cluster ----------------------------------------------------------

export interface Client {
  /** The node this client runs on (its calls are cut off while the node is partitioned). */
  readonly node: Node;
  get(key: string, options?: GetOptions): Promise<GetResponse>;
  put(key: string, value: string, options?: PutOptions): Promise<PutResponse>;
  delete(key: string, options?: DeleteOptions): Promise<DeleteResponse>;
  /** The builder; `ctx` for the commit's call. */
  txn(ctx?: Context): Txn;
  /** Events from now (or `fromRevision`) on; the channel closes when `ctx` is done. Synchronous, as in Go. */
  watch(key: string, options?: WatchOptions): Channel<WatchEvent>;
  /** clientv3.Lease: grant a lease of `ttl` ms of virtual time. */
  grant(ttl: number, options?: CallOptions): Promise<LeaseGrantResponse>;
  /** Revoke a lease: its keys are deleted. Throws `etcdserver: requested lease not found` for an unknown lease. */
  revoke(lease: number, options?: CallOptions): Promise<void>;
  /** Renew a lease once. Throws `etcdserver: requested lease not found` when it is gone. */
  keepAliveOnce(lease: number, options?: CallOptions): Promise<LeaseKeepAliveResponse>;
  timeToLive(lease: number, options?: CallOptions): Promise<LeaseTimeToLiveResponse>;
}

export interface SessionOptions {
  /** ms of virtual time (default 60_000). */
  readonly ttl?: number;
  /** Use an existing lease instead of granting one (concurrency.WithLease). */
  readonly lease?: number;
  /** The context of the call that grants the lease (a partitioned node's newSession waits for heal or for it). */
  readonly ctx?: Context;
}

export interface Session {
  /** The lease ID (Go's `Lease()`). */
  readonly lease: number;
  readonly ttl: number;
  readonly client: Client;
  readonly node: Node;
  /** Closed when the session ends: its lease expired or was revoked, or the keep-alive stopped (Go's `Done()`). */
  done(): Channel<void>;
  /** Stop the keep-alive and revoke the lease (its keys are deleted). */
  close(): Promise<void>;
  /** Stop the keep-alive without revoking: the lease expires after its TTL (Go's `Orphan()`). */
  orphan(): Promise<void>;
  /** A context cancelled when the session ends (Go's `Ctx()`). */
  ctx(): Context;
  /** Hook: the virtual time the lease expired or was revoked, undefined while it lives. */
  endedAt(): number | undefined;
}

export type NodeState = 'up' | 'crashed' | 'paused' | 'partitioned';

export interface Node {
  readonly name: string;
  readonly cluster: Cluster;
  /** The node's etcd client. A restart keeps the object (its calls work again). */
  readonly client: Client;
  /** Start a goroutine on this node: it dies with the node. Returns `{ id, name }` as `go` does. */
  go(fn: () => unknown, name?: string): { id: number; name: string };
  /** Its goroutines stop at once; its leases are no longer renewed (they expire after their TTL). */
  crash(): Promise<void>;
  /** A crashed node comes back empty: no goroutines, no sessions; new goroutines may be started. */
  restart(): Promise<void>;
  /** Settles at once; the node's goroutines (keep-alives included) take no step for `ms` of virtual time. */
  pause(ms: number): Promise<void>;
  /** The node runs on, but its calls to the cluster wait for `heal` (or fail when their ctx is done) and its keep-alives are lost. */
  partition(): Promise<void>;
  heal(): Promise<void>;
  /** Hook: what the node is now (a paused and partitioned node says 'paused'). */
  readonly state: NodeState;
  /** Hook: how many times it crashed (a tenure on it ends at each). */
  readonly incarnation: number;
}

// ---- hooks for the recipes, critical and split-brain (part B) ---------------------------------

/** A successful store write (put, delete that deleted something, txn that wrote), after it applied. */
export interface StoreWrite {
  /** The node whose client wrote, undefined for a write by the cluster itself (a lease expiry) or by main. */
  readonly node: Node | undefined;
  /** The goroutine that wrote (undefined for a lease expiry). */
  readonly thread: Thread | undefined;
  /** The keys it wrote (puts and deletions), in order. */
  readonly keys: string[];
  /** The store revision the write created. */
  readonly revision: number;
  readonly via: 'put' | 'delete' | 'txn' | 'lease-expiry' | 'lease-revoke';
  /** Virtual time of the write. */
  readonly at: number;
}

export interface NodeCrash {
  readonly node: Node;
  /** Virtual time of the crash. */
  readonly at: number;
  /** The goroutines the crash killed. */
  readonly threads: Thread[];
}

export interface LeaseEnd {
  readonly lease: number;
  /** The node that granted it (undefined for main). */
  readonly node: Node | undefined;
  /** 'expired': its TTL ran out after the last renewal that reached the cluster; 'revoked': revoke/close. */
  readonly reason: 'expired' | 'revoked';
  /** Virtual time it ended. */
  readonly at: number;
  /** The keys it deleted. */
  readonly keys: string[];
}

export interface Cluster {
  readonly name: string;
  /** The node of that name, created on first use (synchronous). */
  node(name: string): Node;
  readonly nodes: readonly Node[];
  /** Hook: called after every successful store write, synchronously inside the writing step. */
  onWrite(listener: (w: StoreWrite) => void): void;
  /** Hook: called when a node crashes (after its goroutines were killed). */
  onCrash(listener: (c: NodeCrash) => void): void;
  /** Hook: called when a lease expires or is revoked (after its keys were deleted). */
  onLeaseEnd(listener: (e: LeaseEnd) => void): void;
  /** Hook: the lease's end, once it ended. */
  leaseEnd(lease: number): LeaseEnd | undefined;
}

/** Go's error texts, thrown as `new Error(text)`. */
export const EtcdErrors = {
  leaseNotFound: 'etcdserver: requested lease not found',
  deadlineExceeded: 'context deadline exceeded',
  canceled: 'context canceled',
  /** A call from a crashed node's leftovers (should not happen: its goroutines are killed). */
  nodeDown: 'etcdclient: node is down',
  keyNotFound: 'etcdserver: key not found',
  emptyKey: 'etcdserver: key is not provided',
  tooManyOps: 'etcdserver: too many operations in txn request',
  duplicateKey: 'etcdserver: duplicate key given in txn request',
  sessionClosed: 'etcdclient: session closed',
} as const;

/**
 * Go's `etcdserver: requested lease not found` for a call naming `lease`: an `Error` with that message
 * that also carries the lease ID, so the call that fails with it can tell split-brain which session's end
 * its node has just observed (contract §3: a call failing with `requested lease not found`).
 */
export function leaseNotFoundError(lease: number): Error & { readonly lease: number } {
  const e = new Error(EtcdErrors.leaseNotFound);
  Object.defineProperty(e, 'lease', { value: lease, enumerable: false });
  return e as Error & { readonly lease: number };
}

/** The lease ID a `leaseNotFoundError` carries, undefined for any other error. */
export function leaseOfError(e: Error): number | undefined {
  const l = (e as { lease?: unknown }).lease;
  return e.message === EtcdErrors.leaseNotFound && typeof l === 'number' ? l : undefined;
}

/**
 * Hooks implemented in ./world.ts (import them from there):
 * - `nodeOf(thread)`: the node a goroutine runs on (started by `node.go`, or by `go` from a goroutine on
 *   that node), undefined for main and goroutines on no node;
 * - `currentNode()`: the node of the goroutine whose code runs now.
 */
export type NodeOf = (t: Thread) => Node | undefined;
