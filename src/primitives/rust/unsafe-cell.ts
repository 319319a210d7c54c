/**
 * `UnsafeCell<T>` (as loom's): plain memory, checked by the race detector exactly as `shared` is —
 * the cell is a `Shared` variable underneath (primitives/shared.ts), and every access goes through
 * its `checkedRead` / `checkedWrite`. Two accesses by different threads, at least one a write, not
 * ordered by happens-before are a `data-race`: data published through a Relaxed flag races, through
 * a Release store read by an Acquire load (or a Mutex, a join, …) it does not.
 *
 * Each access is one step (a scheduling point), read or write for the explorers as for `shared`:
 * - `get()`: a read, resolves to the value;
 * - `set(v)`: a write;
 * - `with(f)`: a read, resolves to `f(value)` (loom's `with(|p| …)`);
 * - `withMut(f)`: a write of `f(value)`, resolves to it (loom's `with_mut`).
 * `f` runs inside the step: it must be plain synchronous code (no simulated operation); if it
 * throws, the access does not happen and the exception is thrown into the thread.
 */
import { currentExecution } from '../../runtime/current.js';
import type { Execution } from '../../runtime/execution.js';
import type { Touch } from '../../runtime/op.js';
import { checkName } from '../core/object.js';
import { Shared } from '../go/shared.js';
import { RustOp } from './atomic-runtime.js';

/** Per execution, how many unnamed cells were numbered (`cell#1`, `cell#2`, …). */
const unnamed = new WeakMap<Execution, number>();

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === undefined || v === null || typeof v === 'bigint') return String(v);
  return Array.isArray(v) ? `[${v.length} items]` : typeof v === 'function' ? 'function' : '{…}';
}

export class UnsafeCell<T> {
  /** The variable the race detector watches. */
  private readonly cell: Shared<T>;

  constructor(value: T, name?: string) {
    const exec = currentExecution('new UnsafeCell()');
    checkName('new UnsafeCell()', name);
    let n = name;
    if (n === undefined) {
      const k = (unnamed.get(exec) ?? 0) + 1;
      unnamed.set(exec, k);
      n = `cell#${k}`;
    }
    this.cell = new Shared<T>(n, value);
  }

  get name(): string {
    return this.cell.name;
  }

  /** A read of the value. */
  get(): Promise<T> {
    return new CellOp(this.cell, 'read', 'get', (v) => v);
  }

  /** A write of `v`. */
  set(v: T): Promise<void> {
    return new CellOp<T, void>(this.cell, 'write', 'set', () => v);
  }

  /** A read: resolves to `f(value)`. */
  with<R>(f: (value: T) => R): Promise<R> {
    return new CellOp(this.cell, 'read', 'with', f);
  }

  /** A write of `f(value)`; resolves to the new value. */
  withMut(f: (value: T) => T): Promise<T> {
    return new CellOp(this.cell, 'write', 'withMut', f);
  }
}

class CellOp<T, R> extends RustOp<R> {
  private shown = '';
  constructor(
    readonly obj: Shared<T>,
    kind: 'read' | 'write',
    private readonly what: string,
    private readonly f: (value: T) => unknown,
  ) {
    super(obj.exec, kind);
  }
  footprint(): readonly Touch[] {
    return [{ id: this.obj.id, read: this.kind === 'read' }];
  }
  step(): boolean {
    const c = this.obj;
    let r: unknown;
    try {
      r = this.f(c.value);
    } catch (e) {
      return this.failWith(e);
    }
    if (this.kind === 'read') {
      c.checkedRead(this);
      this.shown = `read ${c.name} → ${show(c.value)} (UnsafeCell ${this.what})`;
      return this.complete(r as R);
    }
    if (c.checkedWrite(this)) c.value = r as T;
    this.shown = `write ${c.name} ← ${show(r)} (UnsafeCell ${this.what})`;
    return this.complete((this.what === 'set' ? undefined : r) as R);
  }
  describe(): string {
    return `${this.what} of UnsafeCell '${this.obj.name}'`;
  }
  override traced(): string {
    return this.shown || this.describe();
  }
}
