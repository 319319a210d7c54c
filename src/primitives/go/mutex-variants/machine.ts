/**
 * Runs a stage of Go's Mutex step by step: each stage writes Lock, Unlock and TryLock as generator
 * programs that read like the Go code and `yield*` one instruction per atomic operation — a load,
 * CAS or add on the state word, a semacquire or semrelease on the runtime semaphore. A StageOp
 * performs exactly one instruction per scheduling step, then runs the program's local code up to
 * its next instruction (deciding what to do with the value it got), and stays pending until the
 * program returns. So every atomic operation is its own scheduling point, and the code between two
 * of them is local to the goroutine, as in Go.
 *
 * Invariants:
 * - Programs touch the state word and the semaphore only through yielded instructions; everything
 *   else they do (bookkeeping for reports, metrics, spin choices) goes through the StageOp (`Ctx`).
 * - A goroutine asleep in semacquire is blocked (its op is not enabled) until a semrelease gives
 *   it the token; its wake-up is a step of its own.
 * - Ownership for reports and happens-before follows the algorithm: the step in which a program
 *   learns it owns the lock acquires (joins the Mutex's clock, records the holder); the step that
 *   drops the lock bit releases. So unlock → next lock orders memory exactly as the plain Mutex does.
 * - Virtual time stands still inside a burst: from a goroutine's first atomic step of a
 *   Lock/Unlock until it returns or sleeps in semacquire, and from the moment a semrelease wakes
 *   it until it has taken its wake-up step, the op `defersTimers()`, so no timer fires.
 *   A burst's instructions are nanoseconds apart on a real CPU, and Go's runtime puts a goroutine
 *   woken by semrelease in the waker's `runnext` slot (with a hand-off the waker even yields to
 *   it), so it runs microseconds later, not milliseconds. Without this rule a scheduler could
 *   build schedules where a sleeping holder wakes inside every load–CAS window of another
 *   goroutine, or where a woken waiter is never run while the holder sleeps and re-locks: a
 *   waiter would then starve under every stage, and the stages would no longer differ in what the
 *   course says they differ in — whether a goroutine already on a CPU may take the lock from the
 *   waiter the last Unlock woke. Other goroutines' steps may still come between any two
 *   instructions. (Before its first step of Lock a goroutine is like any other: in the default
 *   time mode a timer may fire while it is ready; `--time synctest` runs ready goroutines first.)
 */
import { checkSelfLock, checkWaitCycle } from '../../../detectors/deadlock.js';
import type { FindingKind } from '../../../findings.js';
import { Op, type Touch } from '../../../runtime/op.js';
import type { Thread } from '../../../runtime/thread.js';
import type { Mutex } from '../mutex.js';
import { metricsFor, type MutexMetrics } from './metrics.js';
import { RuntimeSema, type SemaWaiter } from './runtime-sema.js';
import { STARVING, StateWord, type Layout } from './state-word.js';
import type { MutexVariant } from './variants.js';

/** One atomic operation a stage program asks for. */
export type Instr =
  | { readonly k: 'load' }
  | { readonly k: 'cas'; readonly old: number; readonly next: number }
  | { readonly k: 'add'; readonly delta: number }
  | { readonly k: 'semacquire'; readonly lifo: boolean }
  | { readonly k: 'semrelease'; readonly handoff: boolean };

/** A stage program: yields instructions, is resumed with their result (CAS: 1 or 0). */
export type Program<T> = Generator<Instr, T, number>;

export function* load(): Program<number> {
  return yield { k: 'load' };
}

export function* cas(old: number, next: number): Program<boolean> {
  return (yield { k: 'cas', old, next }) === 1;
}

export function* add(delta: number): Program<number> {
  return yield { k: 'add', delta };
}

/** runtime_Semacquire(&m.sema) — stage 4's runtime_SemacquireMutex(&m.sema, lifo, 1). */
export function* semacquire(lifo = false): Program<void> {
  yield { k: 'semacquire', lifo };
}

/** runtime_Semrelease(&m.sema, handoff, 1). */
export function* semrelease(handoff = false): Program<void> {
  yield { k: 'semrelease', handoff };
}

/** How a program came to own the lock: its own CAS/add, stage 1's semaphore token, or stage 4's hand-off. */
export type Acquisition = 'cas' | 'sema' | 'handoff';

/** Go's runtime active_spin: at most 4 spin iterations before a goroutine queues. */
export const ACTIVE_SPIN = 4;

/** What a program may do besides its instructions. */
export interface Ctx {
  /** runtime_nanotime, in virtual milliseconds. */
  now(): number;
  /** This goroutine now owns the lock. */
  acquired(how: Acquisition): void;
  /** This Unlock dropped the lock bit (or key): the release half of happens-before. */
  released(): void;
  /**
   * runtime_canSpin(iter), then runtime_doSpin when it spins. The model's canSpin: fewer than
   * ACTIVE_SPIN iterations, and some other goroutine runnable (Go: "at least one other running
   * P"; the machine is multicore and GOMAXPROCS > 1). Whether the local run queue is empty is
   * unknown to the model, so spinning is then a recorded scheduling choice ('spin').
   */
  spin(iter: number): boolean;
  /** Words for this step's timeline line. */
  note(text: string): void;
  /** Go's throw: a fatal error that ends the execution (the program returns right after). */
  fatal(kind: FindingKind, message: string): void;
}

export interface Stage {
  readonly variant: MutexVariant;
  readonly layout: Layout;
  /** Whether the goroutine a normal semrelease wakes owns the lock (stage 1) instead of competing for it. */
  readonly wakeOwns: boolean;
  lock(m: Ctx): Program<void>;
  unlock(m: Ctx): Program<void>;
  tryLock(m: Ctx): Program<boolean>;
}

/** The per-Mutex state of a staged Mutex: its word, its semaphore, who competes, its metrics. */
export class VariantCore {
  readonly word: StateWord;
  readonly sema: RuntimeSema;
  readonly metrics: MutexMetrics;
  /** Goroutines a normal-mode semrelease woke that have neither won the lock nor slept again. */
  readonly competing: Thread[] = [];

  constructor(
    readonly mutex: Mutex,
    readonly stage: Stage,
  ) {
    this.word = new StateWord(stage.layout);
    this.sema = new RuntimeSema(mutex.exec.newObjectId());
    this.metrics = metricsFor(mutex.exec, stage.variant);
  }

  lock(): Promise<void> {
    return new StageOp(this, 'lock', (m) => this.stage.lock(m));
  }

  unlock(): Promise<void> {
    return new StageOp(this, 'unlock', (m) => this.stage.unlock(m));
  }

  tryLock(): Promise<boolean> {
    return new StageOp(this, 'tryLock', (m) => this.stage.tryLock(m));
  }

  /** Go's copy of the struct: the word and the semaphore count; the sleepers stay with the original's address. */
  copyInto(other: VariantCore): void {
    other.word.value = this.word.value;
    other.sema.count = this.sema.count;
  }

  /** The word and the sleepers, for reports. */
  summary(): string {
    const sleepers = this.sema.sleepers.map((w) => `'${w.thread.name}'`);
    return `state ${this.word.show()}${sleepers.length ? `, asleep in its semaphore: ${sleepers.join(', ')}` : ''}`;
  }

  leaveCompeting(t: Thread): void {
    const i = this.competing.indexOf(t);
    if (i >= 0) this.competing.splice(i, 1);
  }
}

type Access = 'lock' | 'unlock' | 'tryLock';

export class StageOp<T> extends Op<T> implements Ctx {
  readonly obj: Mutex;
  readonly kind: Access;
  private readonly core: VariantCore;
  private readonly prog: Program<T>;
  private instr: Instr;
  /** Set while asleep in semacquire (cleared by the wake-up step). */
  private waiter: SemaWaiter | null = null;
  private burst = false;
  private started = false;
  private startStep = 0;
  private startTime = 0;
  private line = '';
  private readonly notes: string[] = [];

  constructor(core: VariantCore, access: Access, body: (m: Ctx) => Program<T>) {
    super(core.mutex.exec);
    this.core = core;
    this.obj = core.mutex;
    this.kind = access;
    const m = core.mutex;
    if (access === 'lock' && m.locked && m.holder === this.thread) {
      checkSelfLock(this.exec, this.thread, m.label, this.at, m.holderAt);
    }
    this.prog = body(this);
    // Programs compute nothing before their first instruction, so starting one here is pure.
    const first = this.prog.next(0);
    if (first.done) throw new Error(`simcc internal error: a ${core.stage.variant} ${access} program took no step`);
    this.instr = first.value;
  }

  override enabled(): boolean {
    return this.waiter === null || this.waiter.woken;
  }

  override defersTimers(): boolean {
    return this.burst || (this.waiter !== null && this.waiter.woken);
  }

  override waitsFor(): Thread | null {
    return this.obj.holder;
  }

  override footprint(): readonly Touch[] {
    const i = this.instr;
    if (i.k === 'semacquire' || i.k === 'semrelease') return [{ id: this.core.sema.id, read: false }];
    return [{ id: this.obj.id, read: i.k === 'load' }];
  }

  step(): boolean {
    const exec = this.exec;
    const core = this.core;
    const word = core.word;
    if (!this.started) {
      this.started = true;
      this.startStep = exec.steps;
      this.startTime = exec.timeForMetrics; // a metric: not a read of the time the explorer must order
    }
    this.notes.length = 0;
    this.obj.used = true;
    const i = this.instr;
    let r = 0;
    switch (i.k) {
      case 'load':
        r = word.load();
        this.line = `load ${word.show(r)}`;
        break;
      case 'cas': {
        const before = word.value;
        const ok = word.cas(i.old, i.next);
        r = ok ? 1 : 0;
        this.line = ok
          ? `CAS ${word.show(i.old)} → ${word.show(i.next)}`
          : `CAS ${i.old} → ${i.next} fails: the state is ${word.show(before)}`;
        if (ok) this.modeChange(before, i.next);
        break;
      }
      case 'add': {
        const before = word.value;
        r = word.add(i.delta);
        this.line = `add ${i.delta}: ${word.show(before)} → ${word.show(r)}`;
        this.modeChange(before, r);
        break;
      }
      case 'semacquire': {
        const w = this.waiter;
        if (w !== null) {
          this.waiter = null;
          this.line = w.handoff
            ? 'wakes up: the lock was handed off to it (starvation mode)'
            : core.stage.wakeOwns
              ? 'wakes up with the token'
              : 'wakes up: competes for the lock again';
          break;
        }
        if (core.sema.tryAcquire()) {
          this.line = 'semacquire: takes the token a semrelease left, without sleeping';
          break;
        }
        core.leaveCompeting(this.thread);
        const sleeper: SemaWaiter = { thread: this.thread, woken: false, handoff: false };
        const pos = core.sema.enqueue(sleeper, i.lifo);
        this.waiter = sleeper;
        this.burst = false;
        const of = core.sema.sleepers.length;
        this.line = i.lifo
          ? `semacquire: sleeps at the head of the queue (LIFO, it waited before), position ${pos} of ${of}`
          : `semacquire: sleeps at the tail of the queue (FIFO), position ${pos} of ${of}`;
        // Asleep on a lock it holds itself is no cycle yet: another goroutine may still unlock it
        // (checkSelfLock at the call; the deadlock or leak check reports it if nobody does).
        if (this.obj.holder !== this.thread) checkWaitCycle(exec, this.thread);
        return false;
      }
      case 'semrelease': {
        const w = core.sema.release(i.handoff);
        if (w === null) {
          this.line = `semrelease${i.handoff ? ' (hand-off)' : ''}: nobody asleep, the token is kept (count ${core.sema.count})`;
        } else {
          if (!i.handoff && !core.stage.wakeOwns) core.competing.push(w.thread);
          const left = core.sema.sleepers.length;
          this.line = `semrelease${i.handoff ? ' (hand-off)' : ''}: wakes '${w.thread.name}', the head of the queue (${left} still asleep)`;
        }
        break;
      }
    }
    this.burst = true;
    let n: IteratorResult<Instr, T>;
    try {
      n = this.prog.next(r);
    } catch (e) {
      this.burst = false;
      throw e;
    }
    if (n.done) {
      this.burst = false;
      return this.complete(n.value);
    }
    this.instr = n.value;
    return false;
  }

  /** Starvation mode entered or left by a write to the word (stage 4); a negative word is a wreck, not a mode. */
  private modeChange(before: number, after: number): void {
    if (!this.core.stage.layout.starving || before < 0 || after < 0) return;
    if (!(before & STARVING) && after & STARVING) {
      this.core.metrics.starvationModeEntries++;
      this.note('the mutex enters starvation mode');
    } else if (before & STARVING && !(after & STARVING)) {
      this.note('the mutex is back in normal mode');
    }
  }

  // ---- Ctx ----------------------------------------------------------------------------------

  now(): number {
    return this.exec.time;
  }

  acquired(how: Acquisition): void {
    const core = this.core;
    const met = core.metrics;
    const t = this.thread;
    met.acquisitions++;
    if (how !== 'cas') met.handoffs++;
    core.leaveCompeting(t);
    if (core.competing.length > 0) {
      met.newcomerWins++;
      this.note(`owns the lock, overtaking woken waiter ${core.competing.map((w) => `'${w.name}'`).join(', ')}`);
    } else {
      this.note(how === 'handoff' ? 'owns the lock (handed off)' : 'owns the lock');
    }
    const waitedSteps = this.exec.steps - this.startStep;
    const waitedMs = this.exec.timeForMetrics - this.startTime;
    if (waitedSteps > met.longestWaitSteps) met.longestWaitSteps = waitedSteps;
    if (waitedMs > met.longestWaitMs) met.longestWaitMs = waitedMs;
    // A tryLock never waits: no lock-order edge into this lock (as for the plain Mutex).
    this.obj.acquire(t, this.at, this.kind !== 'tryLock');
  }

  released(): void {
    this.obj.dropLock(this.thread);
    this.note('releases the lock');
  }

  spin(iter: number): boolean {
    if (iter >= ACTIVE_SPIN || !this.otherRunnable()) return false;
    if (this.exec.choose('spin', 2) !== 1) return false;
    this.core.metrics.spins++;
    this.note(`spins (${iter + 1} of ${ACTIVE_SPIN})`);
    return true;
  }

  note(text: string): void {
    this.notes.push(text);
  }

  fatal(kind: FindingKind, message: string): void {
    const m = this.obj;
    this.exec.fatal(kind, message, {
      threads: [this.thread],
      locations: [this.at, m.holderAt],
      details: [`${m.label} (${this.core.stage.variant} stage): ${this.core.summary()}`],
    });
  }

  /** Some other goroutine could run now (on another P). */
  private otherRunnable(): boolean {
    const self = this.thread;
    return this.exec.threads.some((t) => t !== self && !t.finished && t.pending !== null && t.pending.parked && t.pending.enabled());
  }

  // ---- reports ------------------------------------------------------------------------------

  describe(): string {
    const m = this.obj;
    const what = `${this.kind} of ${m.label} (${this.core.stage.variant} stage)`;
    const holder = m.locked && m.holder ? `held by '${m.holder.name}'${m.holderAt ? ` since ${m.holderAt}` : ''}` : '';
    if (this.waiter && !this.waiter.woken) {
      const pos = this.core.sema.positionOf(this.thread);
      return `${what}: asleep in semacquire at position ${pos} of ${this.core.sema.sleepers.length}${holder ? `, ${holder}` : ''}`;
    }
    return holder ? `${what} (${holder})` : what;
  }

  override traced(): string {
    return `${this.kind} ${this.obj.label}: ${this.line}${this.notes.length ? ` — ${this.notes.join('; ')}` : ''}`;
  }

  override explain(): string[] {
    return [`${this.obj.label} (${this.core.stage.variant} stage): ${this.core.summary()}`];
  }
}
