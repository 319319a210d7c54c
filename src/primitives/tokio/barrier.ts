/**
 * tokio's `Barrier` (shared/scenario-api.md §2c): `new Barrier(n)`, `await b.wait()` →
 * `BarrierWaitResult` `{ isLeader }`. Reusable: the n-th arrival of a generation releases the n tasks
 * of that generation and is its leader (tokio's), and the next generation starts empty.
 *
 * As tokio's, `wait()` is not cancel safe: the arrival counts at the first poll, and a wait cancelled
 * after it (a lost select, a timeout, an abort) still counts in its generation. `new Barrier(0)` behaves
 * as `new Barrier(1)` (tokio's).
 *
 * Dependence: every step of a wait writes the Barrier's id. Happens-before: every arrival of a
 * generation → every wait of it that returns.
 */
import { VectorClock } from '../../runtime/clock.js';
import { currentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import type { Touch } from '../../runtime/op.js';
import { acquire, release } from '../../runtime/sync.js';
import type { Thread } from '../../runtime/thread.js';
import { SimObject } from '../core/object.js';
import { TokioFuture, type Poll, type Selectable, type TokioOp } from './future.js';

/** tokio's `BarrierWaitResult`. */
export interface BarrierWaitResult {
  readonly isLeader: boolean;
}

const LEADER: BarrierWaitResult = Object.freeze({ isLeader: true });
const FOLLOWER: BarrierWaitResult = Object.freeze({ isLeader: false });

interface Generation {
  readonly clock: VectorClock;
  arrived: Thread[];
  done: boolean;
}

export class Barrier extends SimObject {
  readonly typeName = 'tokio::sync::Barrier';
  /** @internal */
  readonly n: number;
  /** @internal */
  gen: Generation = { clock: new VectorClock(), arrived: [], done: false };
  /** @internal */
  readonly writes: readonly Touch[];

  constructor(n: number, opts: { name?: string } | string = {}) {
    const o = typeof opts === 'string' ? { name: opts } : (opts ?? {});
    super('new Barrier()', o.name, 'barrier');
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new ScenarioError(`new Barrier(n) needs a non-negative integer, got ${String(n)}`);
    this.n = Math.max(1, n);
    this.writes = [{ id: this.id, read: false }];
  }

  override get label(): string {
    return `Barrier '${this.name}'`;
  }

  /** Wait until n tasks have called wait (in this generation). */
  wait(): TokioFuture<BarrierWaitResult> {
    return new TokioFuture(currentExecution('wait()'), this.waitBranch());
  }

  /** `wait()` as a `select` branch. */
  waitBranch(): Selectable<BarrierWaitResult> {
    currentExecution('waitBranch()');
    return new BarrierSel(this);
  }
}

class BarrierSel implements Selectable<BarrierWaitResult> {
  readonly kind = 'wait' as const;
  readonly obj: Barrier;
  private gen: Generation | null = null;
  private leader = false;
  private taken = false;
  constructor(private readonly b: Barrier) {
    this.obj = b;
  }
  begin(op: TokioOp<unknown>): void {
    const b = this.b;
    b.used = true;
    const g = b.gen;
    this.gen = g;
    g.arrived.push(op.thread);
    release(op.thread, g.clock);
    if (g.arrived.length >= b.n) {
      g.done = true;
      this.leader = true;
      b.gen = { clock: new VectorClock(), arrived: [], done: false };
    }
  }
  ready(): boolean {
    return this.gen !== null && this.gen.done;
  }
  take(op: TokioOp<unknown>): Poll<BarrierWaitResult> {
    this.taken = true;
    acquire(op.thread, this.gen!.clock);
    return this.leader ? LEADER : FOLLOWER;
  }
  cancel(): void {
    // Not cancel safe (tokio's): the arrival stays counted.
  }
  touches(): readonly Touch[] {
    return this.b.writes;
  }
  describe(): string {
    return `wait of ${this.b.label}`;
  }
  traced(): string {
    return this.taken ? `wait of ${this.b.label} → ${this.leader ? 'leader' : 'released'}` : this.describe();
  }
  explain(): string[] {
    const g = this.gen ?? this.b.gen;
    return [`${this.b.label} needs ${this.b.n} arrivals; ${g.arrived.length} arrived (${g.arrived.map((t) => `'${t.name}'`).join(', ')})`];
  }
}
