/**
 * The simulated etcd's state: one linearisable MVCC key-value store (no Raft), as etcd's mvcc package
 * presents it to clients. Pure data: no scheduling, no clocks; client.ts turns each call into one
 * operation (a scheduling point) that applies one of these methods atomically.
 *
 * Invariants:
 * - `revision` is the store's global revision: it starts at 1 and every write request that changes
 *   something (a put, a delete that deleted a key, a txn whose chosen branch wrote, a lease's end that
 *   deleted keys) increments it by exactly one; every key it changed gets that revision as modRevision.
 * - A live key has version ≥ 1 (1 at its creation, +1 per put) and createRevision ≤ modRevision; a
 *   deleted key is gone (a later put creates it afresh: version 1, a new createRevision).
 * - `history` holds every event in revision order (a txn's events share its revision, in op order):
 *   what a watch from an old revision replays. Nothing is compacted.
 * - Keys are iterated in sorted (byte) order only, never in Map insertion order (determinism does not
 *   depend on it, and etcd returns ranges sorted by key).
 */
import type { Cmp, DeleteOptions, EventType, GetOptions, KeyValue, SortOrder, SortTarget, TxnOp } from './types.js';
import { leaseNotFoundError } from './types.js';

export interface StoreEvent {
  readonly type: EventType;
  readonly kv: KeyValue;
  readonly prevKv: KeyValue | undefined;
}

export interface RangeResult {
  kvs: KeyValue[];
  count: number;
  more: boolean;
}

export interface LeaseState {
  readonly id: number;
  /** Granted TTL in ms of virtual time. */
  readonly ttl: number;
  /** Keys attached to it (sorted when read). */
  readonly keys: Set<string>;
}

/** What a txn did: which branch, and each op's result in order. */
export interface TxnResult {
  succeeded: boolean;
  results: OpResult[];
  /** Keys written (puts and deletions), in order. */
  written: string[];
}

export type OpResult =
  | { type: 'get'; range: RangeResult }
  | { type: 'put'; prevKv: KeyValue | undefined }
  | { type: 'delete'; deleted: KeyValue[] };

/** The end of the key range a prefix covers (etcd's GetPrefixRangeEnd); '' for every key ('\0' prefix). */
export function prefixEnd(prefix: string): string {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const c = prefix.charCodeAt(i);
    if (c < 0xffff) return prefix.slice(0, i) + String.fromCharCode(c + 1);
  }
  return '';
}

/** Does `key` fall in the range a request names (one key, or every key starting with it)? */
export function matches(key: string, reqKey: string, prefix: boolean): boolean {
  return prefix ? key.startsWith(reqKey) : key === reqKey;
}

function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The field a range sorts by, and whether descending. */
function sortKey(kv: KeyValue, target: SortTarget): string | number {
  switch (target) {
    case 'key':
      return kv.key;
    case 'value':
      return kv.value;
    case 'version':
      return kv.version;
    case 'create':
    case 'createRevision':
      return kv.createRevision;
    case 'mod':
    case 'modRevision':
      return kv.modRevision;
  }
}

function descending(order: SortOrder | undefined): boolean {
  return order === 'descend' || order === 'desc';
}

export class MvccStore {
  revision = 1;
  private readonly data = new Map<string, KeyValue>();
  /** Sorted keys of `data`, kept in step with it. */
  private sorted: string[] = [];
  readonly history: { revision: number; event: StoreEvent }[] = [];
  readonly leases = new Map<number, LeaseState>();
  private nextLease = 1;

  // ---- reads ------------------------------------------------------------------------------------

  get(key: string): KeyValue | undefined {
    return this.data.get(key);
  }

  /** The live keys a request names, in key order. */
  keysIn(reqKey: string, prefix: boolean): string[] {
    if (!prefix) return this.data.has(reqKey) ? [reqKey] : [];
    const out: string[] = [];
    let i = this.lowerBound(reqKey);
    for (; i < this.sorted.length && this.sorted[i]!.startsWith(reqKey); i++) out.push(this.sorted[i]!);
    return out;
  }

  range(key: string, opts: GetOptions): RangeResult {
    let kvs = this.keysIn(key, opts.prefix === true).map((k) => this.data.get(k)!);
    if (opts.maxCreateRevision !== undefined && opts.maxCreateRevision > 0) kvs = kvs.filter((kv) => kv.createRevision <= opts.maxCreateRevision!);
    const count = kvs.length;
    const order = opts.order ?? (opts.sortBy !== undefined ? 'ascend' : 'none');
    const target = opts.sortBy ?? 'key';
    if (order !== 'none' && !(target === 'key' && !descending(order))) {
      const sign = descending(order) ? -1 : 1;
      // Stable: equal fields keep key order (etcd sorts the key-ordered range).
      kvs = kvs.slice().sort((a, b) => {
        const x = sortKey(a, target);
        const y = sortKey(b, target);
        return sign * (x < y ? -1 : x > y ? 1 : 0);
      });
    }
    const limit = opts.limit ?? 0;
    const more = limit > 0 && kvs.length > limit;
    if (limit > 0) kvs = kvs.slice(0, limit);
    if (opts.countOnly) kvs = [];
    else if (opts.keysOnly) kvs = kvs.map((kv) => ({ ...kv, value: '' }));
    return { kvs, count, more };
  }

  /** etcd's applyCompare: a missing key has revisions, version and lease 0; a value comparison on it fails. */
  compare(c: Cmp): boolean {
    const kv = this.data.get(c.key);
    if (!kv && c.target === 'value') return false;
    const actual: string | number = kv ? (c.target === 'value' ? kv.value : kv[c.target]) : 0;
    const x = c.operand;
    switch (c.result) {
      case '=':
        return actual === x;
      case '!=':
        return actual !== x;
      case '<':
        return actual < x;
      case '>':
        return actual > x;
    }
  }

  // ---- writes (each call is one revision unless it changed nothing) -----------------------------

  /** A put at the next revision. Throws Go's error for an unknown lease (nothing changes). */
  put(key: string, value: string, lease: number): { prevKv: KeyValue | undefined; events: StoreEvent[] } {
    this.checkLease(lease);
    const rev = ++this.revision;
    const ev = this.putAt(key, value, lease, rev);
    return { prevKv: ev.prevKv, events: [ev] };
  }

  /** Delete one key or a prefix; a new revision only when something was deleted. */
  deleteRange(key: string, opts: DeleteOptions): { deleted: KeyValue[]; events: StoreEvent[] } {
    const keys = this.keysIn(key, opts.prefix === true);
    if (keys.length === 0) return { deleted: [], events: [] };
    const rev = ++this.revision;
    const events = keys.map((k) => this.deleteAt(k, rev));
    return { deleted: events.map((e) => e.prevKv!), events };
  }

  /** Evaluate the comparisons, then apply the chosen branch's ops at one revision (if any of them writes something). */
  txn(cmps: readonly Cmp[], then: readonly TxnOp[], els: readonly TxnOp[]): { result: TxnResult; events: StoreEvent[] } {
    const succeeded = cmps.every((c) => this.compare(c));
    const ops = succeeded ? then : els;
    // etcd checks every put's lease before applying anything: the txn fails as a whole.
    for (const op of ops) if (op.type === 'put') this.checkLease(op.options.lease ?? 0);
    const rev = this.revision + 1;
    const events: StoreEvent[] = [];
    const results: OpResult[] = [];
    const written: string[] = [];
    for (const op of ops) {
      if (op.type === 'get') {
        results.push({ type: 'get', range: this.range(op.key, op.options) });
      } else if (op.type === 'put') {
        const ev = this.putAt(op.key, op.value, op.options.lease ?? 0, rev);
        events.push(ev);
        written.push(op.key);
        results.push({ type: 'put', prevKv: ev.prevKv });
      } else {
        const keys = this.keysIn(op.key, op.options.prefix === true);
        const evs = keys.map((k) => this.deleteAt(k, rev));
        events.push(...evs);
        written.push(...keys);
        results.push({ type: 'delete', deleted: evs.map((e) => e.prevKv!) });
      }
    }
    if (events.length > 0) this.revision = rev;
    return { result: { succeeded, results, written }, events };
  }

  // ---- leases -----------------------------------------------------------------------------------

  grant(ttl: number): LeaseState {
    const l: LeaseState = { id: this.nextLease++, ttl, keys: new Set() };
    this.leases.set(l.id, l);
    return l;
  }

  /** Remove a lease and delete its keys at one revision (none if it had no keys). Undefined if unknown. */
  endLease(id: number): { keys: string[]; events: StoreEvent[] } | undefined {
    const l = this.leases.get(id);
    if (!l) return undefined;
    this.leases.delete(id);
    const keys = [...l.keys].sort(byKey).filter((k) => this.data.get(k)?.lease === id);
    if (keys.length === 0) return { keys, events: [] };
    const rev = ++this.revision;
    return { keys, events: keys.map((k) => this.deleteAt(k, rev)) };
  }

  private checkLease(lease: number): void {
    if (lease !== 0 && !this.leases.has(lease)) throw leaseNotFoundError(lease);
  }

  // ---- internals --------------------------------------------------------------------------------

  private putAt(key: string, value: string, lease: number, rev: number): StoreEvent {
    const prev = this.data.get(key);
    const kv: KeyValue = {
      key,
      value,
      createRevision: prev ? prev.createRevision : rev,
      modRevision: rev,
      version: prev ? prev.version + 1 : 1,
      lease,
    };
    if (prev && prev.lease !== 0 && prev.lease !== lease) this.leases.get(prev.lease)?.keys.delete(key);
    if (lease !== 0) this.leases.get(lease)!.keys.add(key);
    if (!prev) this.sorted.splice(this.lowerBound(key), 0, key);
    this.data.set(key, kv);
    const event: StoreEvent = { type: 'PUT', kv, prevKv: prev };
    this.history.push({ revision: rev, event });
    return event;
  }

  private deleteAt(key: string, rev: number): StoreEvent {
    const prev = this.data.get(key)!;
    this.data.delete(key);
    this.sorted.splice(this.lowerBound(key), 1);
    if (prev.lease !== 0) this.leases.get(prev.lease)?.keys.delete(key);
    const kv: KeyValue = { key, value: '', createRevision: 0, modRevision: rev, version: 0, lease: 0 };
    const event: StoreEvent = { type: 'DELETE', kv, prevKv: prev };
    this.history.push({ revision: rev, event });
    return event;
  }

  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
