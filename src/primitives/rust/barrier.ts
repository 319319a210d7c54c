/**
 * std::sync::Barrier for the 'simcc/rust' flavour (shared/scenario-api.md §2b): `new Barrier(n)`,
 * `await b.wait()` → `{ isLeader }`.
 *
 * - A generation ends when its n-th thread arrives; that thread is its leader (as std: the last to
 *   arrive, `is_leader()` true for it only) and returns at once; the others return once their
 *   generation has ended. The barrier is reusable: the next wait starts a new generation.
 *   `Barrier::new(0)` behaves as `new(1)` (std): every wait returns at once as the leader.
 * - Steps: an arrival (one step: the leader returns in it); a waiter's return (one more step, once its
 *   generation has ended). Waiting is not a step.
 * - Happens-before: every arrival of a generation → every return of it (arrivals release into the
 *   generation's clock, the leader acquires it before it returns, the waiters acquire it after).
 * - Dependence (DPOR): arrivals write the barrier (the count decides who leads); a waiter's return
 *   touches nothing shared (its generation's clock is final once the leader arrived; the leader's
 *   arrival enables it, which the explorers see), so returns commute with each other and with the
 *   next generation's arrivals.
 */
import { VectorClock } from '../../runtime/clock.js';
import { currentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import { NO_TOUCH, Op, type Touch } from '../../runtime/op.js';
import { acquire, release } from '../../runtime/sync.js';
import type { Thread } from '../../runtime/thread.js';
import { SimObject } from '../core/object.js';
import { blockingCall } from '../core/blocking-call.js';

/** `std::sync::BarrierWaitResult`. */
export interface BarrierWaitResult {
  readonly isLeader: boolean;
}

class Generation {
  count = 0;
  done = false;
  readonly arrived: Thread[] = [];
  readonly clock = new VectorClock();
  constructor(readonly n: number) {}
}

export class Barrier extends SimObject {
  readonly typeName = 'std::sync::Barrier';
  readonly n: number;
  gen = new Generation(1);
  private gens = 1;

  constructor(n: number, opts: { name?: string } | string = {}) {
    super('new Barrier()', typeof opts === 'string' ? opts : opts?.name, 'barrier');
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new ScenarioError(`new Barrier(n): n must be a whole number ≥ 0, got ${String(n)}`);
    this.n = n;
  }

  override get label(): string {
    return `Barrier '${this.name}'`;
  }

  /** Block until n threads wait here; exactly one of each generation (the last to arrive) is the leader. */
  wait(): Promise<BarrierWaitResult> {
    currentExecution('Barrier.wait()');
    // It waits unless it is the last of its generation to arrive.
    return blockingCall(new BarrierWaitOp(this), 'std Barrier::wait', this.gen.count + 1 < this.n);
  }

  /** @internal a new generation begins. */
  next(): void {
    this.gen = new Generation(++this.gens);
  }
}

const LEADER: BarrierWaitResult = Object.freeze({ isLeader: true });
const FOLLOWER: BarrierWaitResult = Object.freeze({ isLeader: false });

class BarrierWaitOp extends Op<BarrierWaitResult> {
  readonly kind = 'wait' as const;
  private gen: Generation | null = null;
  private leader = false;
  constructor(readonly obj: Barrier) {
    super(obj.exec);
  }
  override enabled(): boolean {
    return this.gen === null || this.gen.done;
  }
  override footprint(): readonly Touch[] {
    return this.gen === null ? [{ id: this.obj.id, read: false }] : NO_TOUCH;
  }
  step(): boolean {
    const b = this.obj;
    const t = this.thread;
    if (this.gen !== null) {
      acquire(t, this.gen.clock);
      return this.complete(FOLLOWER);
    }
    const g = b.gen;
    this.gen = g;
    g.count++;
    g.arrived.push(t);
    release(t, g.clock);
    if (g.count >= b.n) {
      acquire(t, g.clock);
      g.done = true;
      this.leader = true;
      b.next();
      return this.complete(LEADER);
    }
    return false;
  }
  describe(): string {
    const g = this.gen;
    const b = this.obj;
    if (g && !g.done) return `wait of ${b.label} (${g.count} of ${b.n} threads arrived)`;
    return `wait of ${b.label}`;
  }
  override explain(): string[] {
    const g = this.gen;
    if (!g || g.done) return [];
    const b = this.obj;
    const missing = b.n - g.count;
    return [`${b.label} generation ${g.n}: ${g.arrived.map((u) => `'${u.name}'`).join(', ')} arrived; it waits for ${missing} more thread${missing === 1 ? '' : 's'}`];
  }
  override traced(): string {
    const b = this.obj;
    const g = this.gen;
    if (this.leader) return `wait ${b.label}: last to arrive (${b.n} of ${b.n}): the leader, releases generation ${g!.n}`;
    if (g && g.done) return `wait ${b.label}: returns (generation ${g.n})`;
    return g ? `wait ${b.label}: arrives (${g.count} of ${b.n}), waits` : `wait ${b.label}`;
  }
}
