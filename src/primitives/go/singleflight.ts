/**
 * golang.org/x/sync/singleflight's Group: `do(key, fn)` runs fn once per flight of a key.
 *
 * - The first caller for a key (the leader) runs `fn` in its own goroutine; callers arriving while
 *   that call is in flight wait for it and get its value with `shared: true`; the leader gets
 *   `shared: true` only if someone did wait. When the call ends its key is forgotten, so the next
 *   call runs fn again (unlike Once). `forget(key)` drops the key now: later callers start a new
 *   flight, and the old flight, when it ends, leaves the new one's entry alone (upstream's
 *   `if g.m[key] == c`).
 * - fn is async and may use simulated operations. A throw from fn is Go's panic in fn: upstream
 *   re-panics it in every caller, so the leader and every waiter rethrow it (each may catch it, as
 *   Go recovers; uncaught, it is a finding of the thrown panic's kind).
 * - A caller that calls `do` for a key whose flight it leads itself (fn calling do(key) again) waits
 *   for itself: reported at once as a deadlock.
 *
 * Steps: entering `do` is one step (Go's g.mu section); a waiter blocks and returns in a step of its
 * own once the call has ended; the leader's end of the call is one step (Done and the map delete,
 * under g.mu as upstream does them).
 *
 * Happens-before: the end of fn happens before every waiting `do` returns (upstream's c.wg).
 */
import { checkWaitCycle } from '../../detectors/deadlock.js';
import { VectorClock } from '../../runtime/clock.js';
import { currentExecution } from '../../runtime/current.js';
import { Halt, ScenarioError } from '../../runtime/errors.js';
import { Op, SimpleOp } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import { SimObject } from '../core/object.js';
import { acquire, release } from '../../runtime/sync.js';

export interface SingleFlightResult<T> {
  value: T;
  /** Whether the value was given to more than one caller. */
  shared: boolean;
}

/** One flight of a key (upstream's `call`). */
class Call {
  done = false;
  dups = 0;
  value: unknown;
  threw = false;
  thrown: unknown;
  readonly clock = new VectorClock();
  constructor(
    readonly key: string,
    readonly leader: Thread,
  ) {}
}

export class SingleFlight extends SimObject {
  readonly typeName = 'singleflight.Group';
  /** Calls in flight by key (insertion order). */
  readonly calls = new Map<string, Call>();

  constructor(opts: { name?: string } = {}) {
    super('new SingleFlight()', opts.name, 'sf');
  }

  override get label(): string {
    return `SingleFlight '${this.name}'`;
  }

  /** Run fn for `key` unless a call for it is in flight; then wait for that one and share its value. */
  do<T>(key: string, fn: () => T | Promise<T>): Promise<SingleFlightResult<Awaited<T>>> {
    if (typeof key !== 'string') throw new ScenarioError(`SingleFlight.do(key, fn): key must be a string, got ${String(key)}`);
    if (typeof fn !== 'function') throw new ScenarioError('SingleFlight.do(key, fn): fn must be a function');
    const enter = new EnterOp(this, key);
    return this.flight(enter, fn) as Promise<SingleFlightResult<Awaited<T>>>;
  }

  /** Forget `key`: later calls run fn again instead of waiting for the call in flight. */
  forget(key: string): Promise<void> {
    if (typeof key !== 'string') throw new ScenarioError(`SingleFlight.forget(key): key must be a string, got ${String(key)}`);
    return new SimpleOp(currentExecution('SingleFlight.forget()'), this, 'forget', `forget('${key}') of ${this.label}`, () => {
      this.used = true;
      this.calls.delete(key);
    });
  }

  private async flight(enter: EnterOp, fn: () => unknown): Promise<SingleFlightResult<unknown>> {
    const call = await enter;
    if (!enter.leads) {
      if (call.threw) throw call.thrown;
      return { value: call.value, shared: true };
    }
    let value: unknown;
    let threw = false;
    let thrown: unknown;
    try {
      value = await fn();
    } catch (e) {
      if (e instanceof Halt || e instanceof ScenarioError) throw e;
      threw = true;
      thrown = e;
    }
    await new FinishOp(this, call, value, threw, thrown);
    if (threw) throw thrown;
    return { value, shared: call.dups > 0 };
  }
}

/** Enter `do`: lead a new call, or wait for the one in flight (then a second step to return). */
class EnterOp extends Op<Call> {
  readonly kind = 'do';
  leads = false;
  private call: Call | null = null;

  constructor(
    readonly obj: SingleFlight,
    private readonly key: string,
  ) {
    super(obj.exec);
  }

  override enabled(): boolean {
    return this.call === null || this.call.done;
  }

  override waitsFor(): Thread | null {
    return this.call && !this.call.done ? this.call.leader : null;
  }

  step(): boolean {
    const sf = this.obj;
    const t = this.thread;
    if (this.call !== null) {
      acquire(t, this.call.clock);
      return this.complete(this.call);
    }
    sf.used = true;
    const c = sf.calls.get(this.key);
    if (c === undefined) {
      const mine = new Call(this.key, t);
      sf.calls.set(this.key, mine);
      this.leads = true;
      this.call = mine;
      return this.complete(mine);
    }
    c.dups++;
    this.call = c;
    if (c.leader === t) {
      this.exec.fatal('deadlock', `goroutine '${t.name}' calls do('${this.key}') of ${sf.label} inside the call it runs for that key: it waits for itself forever`, {
        threads: [t],
        locations: [this.at],
        details: ['singleflight waits for the call in flight; the call cannot end while its own fn waits'],
      });
      return false;
    }
    checkWaitCycle(this.exec, t);
    return false;
  }

  describe(): string {
    const c = this.call;
    if (c && !c.done) return `do('${this.key}') of ${this.obj.label}: waits for the call run by '${c.leader.name}'`;
    return `do('${this.key}') of ${this.obj.label}`;
  }

  override explain(): string[] {
    const c = this.call;
    if (!c || c.done) return [];
    const l = c.leader;
    const state = l.finished ? 'finished' : l.pending && !l.pending.enabled() ? `blocked in ${l.pending.describe()}` : 'running';
    return [`the call for '${this.key}' is run by goroutine '${l.name}' (${state}); ${c.dups} caller(s) wait for it`];
  }

  override traced(): string {
    const c = this.call;
    if (this.leads) return `do('${this.key}') ${this.obj.label}: runs fn`;
    if (c && !c.done) return `do('${this.key}') ${this.obj.label}: waits for '${c.leader.name}'`;
    return `do('${this.key}') ${this.obj.label}: returns the shared result${c?.threw ? ' (fn panicked)' : ''}`;
  }
}

/** The leader's end of the call: record the outcome, release the waiters, drop the key. */
class FinishOp extends Op<void> {
  readonly kind = 'do';
  constructor(
    readonly obj: SingleFlight,
    private readonly call: Call,
    private readonly returned: unknown,
    private readonly threw: boolean,
    private readonly thrown: unknown,
  ) {
    super(obj.exec);
  }

  step(): boolean {
    const c = this.call;
    const t = this.thread;
    c.value = this.returned;
    c.threw = this.threw;
    c.thrown = this.thrown;
    c.done = true;
    release(t, c.clock);
    if (this.obj.calls.get(c.key) === c) this.obj.calls.delete(c.key);
    return this.complete(undefined);
  }

  describe(): string {
    return `end of the call for '${this.call.key}' of ${this.obj.label}`;
  }

  override traced(): string {
    const who = this.call.dups > 0 ? `, releases ${this.call.dups} waiter(s)` : '';
    return `do('${this.call.key}') ${this.obj.label}: fn ${this.threw ? 'panicked' : 'returned'}${who}`;
  }
}
