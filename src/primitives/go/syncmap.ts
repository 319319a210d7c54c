/**
 * sync.Map: a map safe for concurrent use. Each operation is one step (a linearizable map; the
 * read/dirty/promotion machinery of Go's implementation is not modelled: it changes performance,
 * not results), and Range takes a snapshot in its step, then calls f for each entry.
 *
 * Happens-before, as sync.Map documents it: a write operation is synchronized before any read
 * operation that observes its effect. Every key has a clock (kept after a delete, so that observing
 * the absence observes the delete): read operations (load, loadOrStore, loadAndDelete, swap,
 * compareAndSwap, compareAndDelete, range) acquire the clocks of the keys they look at; write
 * operations (store, delete, loadAndDelete, swap, loadOrStore that stored, a successful
 * compareAndSwap or compareAndDelete) release into them. Reads do not order each other.
 *
 * Results with two values are arrays that also carry Go's names, so both
 * `const [v, ok] = await m.load(k)` and `const { value, ok } = await m.load(k)` work.
 */
import { VectorClock } from '../../runtime/clock.js';
import { ScenarioError } from '../../runtime/errors.js';
import { Op, type OpKind } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import { COPY, SimObject, type Copyable } from '../core/object.js';
import { acquire, release } from '../../runtime/sync.js';

export type LoadResult<V> = [V | undefined, boolean] & { value: V | undefined; ok: boolean };
export type LoadOrStoreResult<V> = [V, boolean] & { actual: V; value: V; loaded: boolean };
export type LoadAndDeleteResult<V> = [V | undefined, boolean] & { value: V | undefined; loaded: boolean };
export type SwapResult<V> = [V | undefined, boolean] & { previous: V | undefined; value: V | undefined; loaded: boolean };

function pair<R>(a: unknown, b: boolean, names: Record<string, unknown>): R {
  return Object.assign([a, b], names) as R;
}

export class SyncMap<K = unknown, V = unknown> extends SimObject implements Copyable {
  readonly typeName = 'sync.Map';
  readonly isLockLike = true;
  readonly data = new Map<K, V>();
  private readonly clocks = new Map<K, VectorClock>();

  constructor(opts: string | { name?: string } = {}) {
    super('new SyncMap()', typeof opts === 'string' ? opts : opts.name, 'syncmap');
  }

  override get label(): string {
    return `sync.Map '${this.name}'`;
  }

  /** Acquire what writes of key `k` released (a read operation observing it). */
  observe(t: Thread, k: K): void {
    this.used = true;
    const c = this.clocks.get(k);
    if (c) acquire(t, c);
  }

  /** Release into key `k` (a write operation). */
  publish(t: Thread, k: K): void {
    this.used = true;
    let c = this.clocks.get(k);
    if (!c) this.clocks.set(k, (c = new VectorClock()));
    release(t, c);
  }

  load(k: K): Promise<LoadResult<V>> {
    return new MapOp(this, 'load', `load(${key(k)})`, true, (t) => {
      this.observe(t, k);
      const ok = this.data.has(k);
      const value = this.data.get(k);
      return pair<LoadResult<V>>(value, ok, { value, ok });
    });
  }

  store(k: K, v: V): Promise<void> {
    return new MapOp(this, 'store', `store(${key(k)})`, false, (t) => {
      this.data.set(k, v);
      this.publish(t, k);
    });
  }

  /** The existing value and true, or stores v and returns it with false. */
  loadOrStore(k: K, v: V): Promise<LoadOrStoreResult<V>> {
    return new MapOp(this, 'loadOrStore', `loadOrStore(${key(k)})`, false, (t) => {
      this.observe(t, k);
      const loaded = this.data.has(k);
      if (!loaded) {
        this.data.set(k, v);
        this.publish(t, k);
      }
      const actual = this.data.get(k) as V;
      return pair<LoadOrStoreResult<V>>(actual, loaded, { actual, value: actual, loaded });
    });
  }

  /** Deletes k, returning its previous value and whether it was present. */
  loadAndDelete(k: K): Promise<LoadAndDeleteResult<V>> {
    return new MapOp(this, 'loadAndDelete', `loadAndDelete(${key(k)})`, false, (t) => {
      this.observe(t, k);
      const loaded = this.data.has(k);
      const value = this.data.get(k);
      this.data.delete(k);
      this.publish(t, k);
      return pair<LoadAndDeleteResult<V>>(value, loaded, { value, loaded });
    });
  }

  delete(k: K): Promise<void> {
    return new MapOp(this, 'delete', `delete(${key(k)})`, false, (t) => {
      this.data.delete(k);
      this.publish(t, k);
    });
  }

  /** Stores v, returning the previous value and whether there was one. */
  swap(k: K, v: V): Promise<SwapResult<V>> {
    return new MapOp(this, 'swap', `swap(${key(k)})`, false, (t) => {
      this.observe(t, k);
      const loaded = this.data.has(k);
      const previous = this.data.get(k);
      this.data.set(k, v);
      this.publish(t, k);
      return pair<SwapResult<V>>(previous, loaded, { previous, value: previous, loaded });
    });
  }

  /** Stores nu if the value of k is old (===). */
  compareAndSwap(k: K, old: V, nu: V): Promise<boolean> {
    return new MapOp(this, 'compareAndSwap', `compareAndSwap(${key(k)})`, false, (t) => {
      this.observe(t, k);
      if (!this.data.has(k) || this.data.get(k) !== old) return false;
      this.data.set(k, nu);
      this.publish(t, k);
      return true;
    });
  }

  /** Deletes k if its value is old (===). */
  compareAndDelete(k: K, old: V): Promise<boolean> {
    return new MapOp(this, 'compareAndDelete', `compareAndDelete(${key(k)})`, false, (t) => {
      this.observe(t, k);
      if (!this.data.has(k) || this.data.get(k) !== old) return false;
      this.data.delete(k);
      this.publish(t, k);
      return true;
    });
  }

  /**
   * Calls f(key, value) for each entry of a snapshot taken in one step, in insertion order, until
   * f returns false. f may be async and use other operations (on this map too).
   */
  async range(f: (key: K, value: V) => unknown): Promise<void> {
    if (typeof f !== 'function') throw new ScenarioError(`range of ${this.label}: f must be a function, got ${typeof f}`);
    const entries = await new MapOp(this, 'range', 'range', true, (t) => {
      for (const k of this.clocks.keys()) this.observe(t, k);
      this.used = true;
      return [...this.data.entries()];
    });
    for (const [k, v] of entries) if ((await f(k, v)) === false) break;
  }

  [COPY](): SyncMap<K, V> {
    const m = new SyncMap<K, V>(`${this.name} (copy)`);
    for (const [k, v] of this.data) m.data.set(k, v);
    for (const [k, c] of this.clocks) m.clocks.set(k, c.copy());
    m.used = this.used;
    return m;
  }

  stateSummary(): string {
    return `${this.data.size} entr${this.data.size === 1 ? 'y' : 'ies'}`;
  }
}

function key(k: unknown): string {
  if (typeof k === 'string') return JSON.stringify(k.length > 20 ? k.slice(0, 20) + '…' : k);
  if (k === null || typeof k !== 'object') return String(k);
  return '{…}';
}

/** sync.Map's methods, as the timeline names them. */
type SyncMapMethod = 'load' | 'store' | 'loadOrStore' | 'loadAndDelete' | 'delete' | 'swap' | 'compareAndSwap' | 'compareAndDelete' | 'range';

class MapOp<R> extends Op<R> {
  readonly kind: OpKind;
  constructor(
    readonly obj: SyncMap<any, any>,
    private readonly method: SyncMapMethod,
    private readonly what: string,
    readOnly: boolean,
    private readonly run: (t: Thread) => R,
  ) {
    super(obj.exec);
    // A read-only method (load, range) is a 'load' for dependence; the others are writes of the map.
    this.kind = readOnly ? 'load' : (method as Exclude<SyncMapMethod, 'range'>);
  }
  step(): boolean {
    return this.complete(this.run(this.thread));
  }
  describe(): string {
    return `${this.what} of ${this.obj.label}`;
  }
  override traced(): string {
    return `${this.method === 'range' ? 'range' : this.what} ${this.obj.label}`;
  }
}
