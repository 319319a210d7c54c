/**
 * sync.Pool: a set of temporary objects that may vanish at any time.
 *
 * put(v) adds v (put of undefined/null is ignored, as Go ignores Put(nil)); get() takes the most
 * recently put value, or, when the pool is empty, returns newFn() (or undefined without one).
 * A garbage collection may empty a pool at any moment: before a get finds a non-empty pool, whether
 * a GC emptied it first is a scheduling choice (`pool-gc`), recorded and replayed like every other.
 * So code that assumes a put value comes back, or that the pool keeps its objects, fails on some
 * schedule. (Go's two-GC victim cache only delays the loss; it is not modelled.)
 *
 * Happens-before, as Go's race annotations: a put releases into the value it puts (each pooled
 * value keeps the clock of its put) and the get that takes it acquires it, so a goroutine that keeps
 * using a value after putting it races with the goroutine that gets it next.
 */
import { VectorClock } from '../../runtime/clock.js';
import { ScenarioError } from '../../runtime/errors.js';
import { Op } from '../../runtime/op.js';
import { COPY, SimObject, type Copyable } from '../core/object.js';
import { acquire, releaseSnapshot } from '../../runtime/sync.js';

interface Pooled<T> {
  readonly value: T;
  readonly clock: VectorClock;
}

export class Pool<T = unknown> extends SimObject implements Copyable {
  readonly typeName = 'sync.Pool';
  readonly isLockLike = true;
  /** Go's New: called by get when the pool is empty (may be reassigned, as in Go). */
  newFn: (() => T | Promise<T>) | undefined;
  items: Pooled<T>[] = [];
  /** How many times a simulated GC emptied it. */
  gcs = 0;

  constructor(newFn?: () => T | Promise<T>, opts: string | { name?: string } = {}) {
    super('new Pool()', typeof opts === 'string' ? opts : opts.name, 'pool');
    if (newFn !== undefined && typeof newFn !== 'function') throw new ScenarioError(`new Pool(newFn): newFn must be a function, got ${typeof newFn}`);
    this.newFn = newFn;
  }

  /** A pooled value, or newFn() when there is none (undefined without newFn). */
  async get(): Promise<T | undefined> {
    const got = await new GetOp(this);
    if (got.hit) return got.value;
    return this.newFn ? await this.newFn() : undefined;
  }

  put(v: T): Promise<void> {
    return new PutOp(this, v);
  }

  [COPY](): Pool<T> {
    const p = new Pool<T>(this.newFn, `${this.name} (copy)`);
    p.items = this.items.map((i) => ({ value: i.value, clock: i.clock.copy() }));
    p.used = this.used;
    return p;
  }

  stateSummary(): string {
    return `${this.items.length} pooled value${this.items.length === 1 ? '' : 's'}`;
  }
}

class GetOp<T> extends Op<{ hit: boolean; value: T | undefined }> {
  readonly kind = 'get';
  private note = '';
  constructor(readonly obj: Pool<T>) {
    super(obj.exec);
  }
  step(): boolean {
    const p = this.obj;
    p.used = true;
    if (p.items.length > 0 && this.exec.choose('pool-gc', 2) === 1) {
      this.note = `a GC emptied it (${p.items.length} dropped), `;
      p.items = [];
      p.gcs++;
    }
    const item = p.items.pop();
    if (!item) {
      this.note += p.newFn ? 'empty: calls New' : 'empty: nil';
      return this.complete({ hit: false, value: undefined });
    }
    acquire(this.thread, item.clock);
    this.note += 'takes a pooled value';
    return this.complete({ hit: true, value: item.value });
  }
  describe(): string {
    return `get of ${this.obj.label}`;
  }
  override traced(): string {
    return `get ${this.obj.label}: ${this.note}`;
  }
}

class PutOp<T> extends Op<void> {
  readonly kind = 'put';
  constructor(
    readonly obj: Pool<T>,
    private readonly v: T,
  ) {
    super(obj.exec);
  }
  step(): boolean {
    const p = this.obj;
    const t = this.thread;
    p.used = true;
    if (this.v === undefined || this.v === null) return this.complete(undefined);
    p.items.push({ value: this.v, clock: releaseSnapshot(t) });
    return this.complete(undefined);
  }
  describe(): string {
    return `put of ${this.obj.label}`;
  }
  override traced(): string {
    return this.v === undefined || this.v === null ? `put ${this.obj.label}: nil, ignored` : `put ${this.obj.label}`;
  }
}
