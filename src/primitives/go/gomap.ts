/**
 * Go's built-in map: not safe for concurrent use. Each operation is one step on one shadow location
 * for the whole map, watched like a variable by FastTrack (detectors/race.ts): lookups (get, has,
 * size, entries) are reads; set and delete are writes, whatever the keys.
 *
 * Go's runtime catches concurrent map accesses only when they overlap in time, with a fatal error
 * (`concurrent map writes`, `concurrent map read and map write`, `concurrent map iteration and map
 * write`). simcc reports every pair of accesses not ordered by happens-before, as the race detector
 * would, but under Go's fatal error: kind `concurrent-map-write`, Go's text.
 */
import { reportRace, VarState, type Conflict } from '../../detectors/race.js';
import { Op } from '../../runtime/op.js';
import { COPY, SimObject, type Copyable } from '../core/object.js';

type Kind = 'get' | 'has' | 'size' | 'entries' | 'set' | 'delete';

export class GoMap<K = unknown, V = unknown> extends SimObject implements Copyable {
  readonly typeName = 'map';
  readonly isLockLike = false;
  readonly data = new Map<K, V>();
  private readonly race = new VarState();

  constructor(name?: string) {
    super('new GoMap()', name, 'map');
  }

  /** m[k]: the value, or undefined (Go's zero value) when absent. */
  get(k: K): Promise<V | undefined> {
    return new MapOp(this, 'get', () => this.data.get(k), k);
  }

  /** _, ok := m[k] */
  has(k: K): Promise<boolean> {
    return new MapOp(this, 'has', () => this.data.has(k), k);
  }

  /** len(m) */
  size(): Promise<number> {
    return new MapOp(this, 'size', () => this.data.size);
  }

  /** for k, v := range m (a snapshot, in insertion order). */
  entries(): Promise<[K, V][]> {
    return new MapOp(this, 'entries', () => [...this.data.entries()]);
  }

  /** m[k] = v */
  set(k: K, v: V): Promise<void> {
    return new MapOp(this, 'set', () => void this.data.set(k, v), k);
  }

  /** delete(m, k) */
  delete(k: K): Promise<void> {
    return new MapOp(this, 'delete', () => void this.data.delete(k), k);
  }

  /** The access check of one operation; false when it ended the execution. */
  checked(op: MapOp<unknown>, write: boolean): boolean {
    const t = op.thread;
    const c: Conflict | null = write ? this.race.write(t, this.exec.steps, op.at) : this.race.read(t, this.exec.steps, op.at);
    if (!c) return true;
    const message =
      write && c.prevOp === 'write'
        ? 'concurrent map writes'
        : op.method === 'entries'
          ? 'concurrent map iteration and map write'
          : 'concurrent map read and map write';
    reportRace(this.exec, this.label, t, write ? 'write' : 'read', op.at, c, 'concurrent-map-write', message);
    return false;
  }

  [COPY](): GoMap<K, V> {
    // A Go map value is a reference: copying the struct that holds it shares the map.
    return this;
  }

  stateSummary(): string {
    return `${this.data.size} entries`;
  }
}

function key(k: unknown): string {
  if (typeof k === 'string') return JSON.stringify(k.length > 20 ? k.slice(0, 20) + '…' : k);
  if (k === null || typeof k !== 'object') return String(k);
  return '{…}';
}

class MapOp<R> extends Op<R> {
  readonly kind: 'read' | 'write';
  private result: R | undefined;
  constructor(
    readonly obj: GoMap<any, any>,
    readonly method: Kind,
    private readonly run: () => R,
    private readonly k?: unknown,
  ) {
    super(obj.exec);
    this.kind = method === 'set' || method === 'delete' ? 'write' : 'read';
  }
  step(): boolean {
    if (!this.obj.checked(this as MapOp<unknown>, this.kind === 'write')) return this.complete(undefined as R);
    this.obj.used = true;
    this.result = this.run();
    return this.complete(this.result);
  }
  describe(): string {
    const m = this.obj.label;
    switch (this.method) {
      case 'get':
        return `read of ${m} (key ${key(this.k)})`;
      case 'has':
        return `lookup of ${m} (key ${key(this.k)})`;
      case 'size':
        return `len of ${m}`;
      case 'entries':
        return `range over ${m}`;
      case 'set':
        return `write of ${m} (key ${key(this.k)})`;
      case 'delete':
        return `delete of ${m} (key ${key(this.k)})`;
    }
  }
}
