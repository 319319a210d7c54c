/**
 * One execution of a scenario: the goroutines, the step loop and the end of the run.
 *
 * Invariants:
 * - At most one goroutine's code runs at a time (`running`); every other live goroutine is parked on
 *   its pending operation. The scheduler runs only when the running goroutine parks or finishes.
 * - Every step and every choice is made synchronously inside `schedule()`, from the strategy's
 *   answers alone, and goroutine code runs only in microtasks queued by `settle()`. So the whole
 *   execution is one deterministic chain of microtasks: given the same answers it takes the same steps,
 *   and a macrotask (setImmediate) can only run before the end if a goroutine awaited something simcc
 *   does not control.
 * - The first fatal finding or scenario error ends the execution: no operation completes after it.
 */
import type { Finding, FindingKind, ScenarioErrorInfo, ThreadInfo, TraceEvent, Access } from '../findings.js';
import type { Strategy } from './strategy.js';
import { Abandon, Divergence } from './strategy.js';
import { setCurrentExecution, peekCurrentExecution } from './current.js';
import { SimPanic, Halt, isScenarioMistake, safeString, ScenarioError } from './errors.js';
import { GO, type Flavour } from './flavour.js';
import { callerLocation, errorLocation } from './locations.js';
import type { VectorClock } from './clock.js';
import { isLockAcquire, Op, type SimObjectRef } from './op.js';
import { encodeRuns, FIRE_TIMER } from './schedule.js';
import { RunnableSet } from './runnable.js';
import type { ReadyThreads } from './ready-list.js';
import { Thread } from './thread.js';
import { TimerQueue, type TimeMode } from './timers.js';
import { YieldOp } from './yield.js';
import type { Gate } from './gate.js';
import { InjectOp, type FaultOptions, type FaultSource } from './injector.js';

/**
 * SIMCC_CHECK_RUNNABLE=1: every step also recomputes the runnable set by a full scan and throws an
 * internal error on any difference with the incremental one (runnable.ts). Read once; it changes
 * no step, it only checks them.
 */
const CHECK_RUNNABLE = process.env.SIMCC_CHECK_RUNNABLE === '1';

export interface ExecutionOptions {
  strategy: Strategy;
  seed?: number;
  stepLimit: number;
  leakStepBound: number;
  captureLocations: boolean;
  recordTrace: boolean;
  /**
   * With recordTrace: the first step the timeline records (default 1). A long execution's report shows
   * only its tail, and a step's trace event costs its goroutine's clock twice: a located replay of a
   * 100,000-step execution records the last steps only (harness/located.ts).
   */
  traceFrom?: number;
  progress?: Int32Array;
  onResume?: (thread: { id: number; name: string }, at: string | undefined) => void;
  /** When timers may fire: at any step ('free') or only when no goroutine can run ('synctest'). */
  timeMode?: TimeMode;
  /** Virtual milliseconds the remaining goroutines' timers may advance after main returned. */
  leakTimeBound?: number;
  /** The language simulated, for the words of findings (default: Go). It changes no step. */
  flavour?: Flavour;
  /** How many stores of one atomic location a weak load may still read (Rust atomics; default 7, as loom). */
  atomicHistory?: number;
  /** How many times one Condvar wait or park may return spuriously (Rust; default 1). */
  spuriousWakeups?: number;
  /** --faults and --max-faults: faults the strategy may inject as scheduling choices (runtime/injector.ts). */
  faults?: FaultOptions;
}

export interface ExecutionResult {
  findings: Finding[];
  error?: ScenarioErrorInfo;
  schedule: string;
  steps: number;
  trace?: TraceEvent[];
  /** Set when a replayed schedule no longer matched the scenario. */
  diverged?: string;
  /** Set when the strategy abandoned the execution (Abandon): it is not a run of the scenario to report. */
  abandoned?: string;
  /**
   * Set when the fair-yield rule held a yielding thread back while another could run (yield.ts): the
   * schedules where it ran on at once were not offered. `explore` states this pruning in its report.
   */
  fairYields?: true;
}

export interface ReportInput {
  threads?: Thread[];
  locations?: (string | undefined)[];
  details?: string[];
  accesses?: Access[];
  object?: string;
}

/** Settled once: `RESOLVED.then(f)` queues f as one microtask. */
const RESOLVED: Promise<void> = Promise.resolve();

/** A new goroutine's first step: it starts running its function. */
class StartOp extends Op<void> {
  readonly obj = null;
  readonly kind = 'start';

  step(): boolean {
    return this.complete(undefined);
  }

  describe(): string {
    return 'start';
  }

  override settle(): void {
    super.settle();
    const exec = this.exec;
    const t = this.thread;
    // A reaction of a settled promise: the same place in the microtask queue as queueMicrotask, without
    // the async-hooks resource Node's queueMicrotask makes per call (a goroutine start each).
    RESOLVED.then(() => exec.launch(t));
  }
}

/** " on node 'n1'" for a thread in a group (runtime/thread.ts ThreadGroup), else "". */
function groupOf(t: Thread): string {
  return t.group ? ` on ${t.group.label}` : '';
}

export class Execution {
  readonly threads: Thread[] = [];
  /** How many threads have not finished. */
  private liveCount = 0;
  /** Who can take the next step, kept incrementally (runnable.ts). */
  readonly runnable = new RunnableSet();
  /** The goroutine whose code is running (between a resume and its next park), or null. */
  running: Thread | null = null;
  steps = 0;
  /**
   * The goroutine that took the latest step (-1 before any): a timer firing does not change it. Strategies
   * get it to tell a preemption (switching away from it while it can still run) from a switch.
   */
  lastThread = -1;
  /** Virtual time in milliseconds; it moves only when a timer fires. Reads are counted (timeReads). */
  get time(): number {
    this.timeReads++;
    // The goroutine reading it has seen this much time pass (VectorClock.known), and so has every
    // goroutine that later synchronises with it.
    this.running?.clock.seeTime(this.virtualTime);
    return this.virtualTime;
  }
  /**
   * The latest deadline of a firing whose time reached those it woke by no clock (Timer.carries
   * undefined: a runtime timer's). A goroutine's knowledge of the time (VectorClock.known) is no
   * less: such a firing may have woken it. Reads are counted (opaqueReads) for the explorers.
   */
  get opaqueTime(): number {
    this.opaqueReads++;
    return this.opaqueFired;
  }
  opaqueReads = 0;
  private opaqueFired = 0;
  /**
   * How often the virtual time was read (by `now()`, by starting a timer, ...): the explorer (DPOR) sees
   * which steps read the time, so it orders them against timer firings, which change it.
   */
  timeReads = 0;
  /**
   * Goroutines whose pending operation a step completed on their behalf (a channel hand-off, a close
   * a waiter watched), whether or not that changed if they can run: their next step does something
   * else now. Holds the last step's (the explorers' recorder reads it, scheduler/trace.ts).
   */
  readonly completedFor: number[] = [];
  /**
   * What goroutine code read outside any step (a context's err()), while an explorer records touches
   * (`trackCodeTouches`): its recorder takes them as touches of the event whose continuation ran it.
   */
  readonly codeTouches: { id: number; read: boolean }[] = [];
  trackCodeTouches = false;
  private virtualTime = 0;
  /** When timers may fire (ExecutionOptions.timeMode). */
  get timeMode(): TimeMode {
    return this.opts.timeMode ?? 'free';
  }
  /**
   * A timer was just started from a time behind the clock (a Go sleep in free time mode starts from the
   * time its goroutine knows, VectorClock.known) and it is due already: a firing at its deadline or later
   * came first, and nothing that carries the time told the goroutine. When the step could have run, with
   * all it happens after, before that firing, the execution that started the timer before the firing, and
   * fired it first, shows everything this one can (the sleeper wakes at the same clock; nobody can tell a
   * goroutine stalled before its sleep from one stalled after it): explorers drop this one
   * (Strategy.lateTimer; the explorers judge it on their happens-before order).
   * The clock is looked at without counting a read: nothing the step does depends on it.
   */
  timerStartedLate(deadline: number, what: string): void {
    if (deadline <= this.virtualTime) this.opts.strategy.lateTimer?.(deadline, `${what} started at ${deadline} ms, behind the clock (${this.virtualTime} ms)`);
  }

  /**
   * Keep virtual time still while `h` says so (no timer fires): a flavour's work that its language runs
   * in one go but simcc in several steps (tokio polls every branch of a `select!`'s first poll at once).
   * `holdsTime()`: true holds now, false not now (what it waits for cannot run), null never again (it is
   * dropped). Asked only where timers may fire; it reads simulated state only.
   */
  holdTime(h: { holdsTime(): boolean | null }): void {
    // Holders that are done are dropped where timers may fire; with no timer pending that is never
    // asked, so a long execution without timers drops them here (a select in a loop adds one each turn).
    if (this.timeHolders.length >= 32) this.timeHeld();
    this.timeHolders.push(h);
  }
  private readonly timeHolders: { holdsTime(): boolean | null }[] = [];
  private timeHeld(): boolean {
    let held = false;
    for (let i = 0; i < this.timeHolders.length; ) {
      const h = this.timeHolders[i]!.holdsTime();
      if (h === null) this.timeHolders.splice(i, 1);
      else {
        if (h) held = true;
        i++;
      }
    }
    return held;
  }

  /** The virtual time without counting a read: only for metrics and reports, never for what a step does. */
  get timeForMetrics(): number {
    return this.virtualTime;
  }
  readonly timers = new TimerQueue();
  ended = false;
  readonly captureLocations: boolean;
  /** The language simulated: how findings word a thread, a deadlock, a leak (flavour.ts). */
  readonly flavour: Flavour;
  /** The answers so far, run-length encoded as they come: value, count, value, count, … */
  private readonly choiceRuns: number[] = [];
  private readonly findings: Finding[] = [];
  private error: ScenarioErrorInfo | undefined;
  private diverged: string | undefined;
  private abandoned: string | undefined;
  /** The fair-yield rule held a yield back while another thread could run (ExecutionResult.fairYields). */
  private fairYields = false;
  private readonly trace: TraceEvent[] | null;
  private readonly traceFrom: number;
  private mainDoneAt = -1;
  private mainDoneTime = 0;
  private nextObjectId = 1;
  /** How many goroutines timer firings started (for Thread.key). */
  private timerChildren = 0;
  /** How deeply schedule() is nested (see park). */
  private depth = 0;
  private resolveEnd: (r: ExecutionResult) => void = () => {};

  /** The memory model's and the spurious wake-ups' bounds (ExecutionOptions), for the primitives that use them. */
  readonly atomicHistory: number | undefined;
  readonly spuriousWakeups: number | undefined;

  constructor(private readonly opts: ExecutionOptions) {
    this.captureLocations = opts.captureLocations;
    this.atomicHistory = opts.atomicHistory;
    this.spuriousWakeups = opts.spuriousWakeups;
    this.flavour = opts.flavour ?? GO;
    this.trace = opts.recordTrace ? [] : null;
    this.traceFrom = opts.traceFrom ?? 0;
  }

  /** Is the timeline recording this step (ExecutionOptions.traceFrom)? */
  private get tracing(): boolean {
    return this.trace !== null && this.steps >= this.traceFrom;
  }

  /** Run the scenario body as the main goroutine; resolves when the execution has ended. */
  run(body: () => unknown): Promise<ExecutionResult> {
    const done = new Promise<ExecutionResult>((resolve) => (this.resolveEnd = resolve));
    setCurrentExecution(this);
    this.spawn(body, 'main', null);
    // Goroutine code runs only in microtasks of this execution, so this macrotask runs before
    // the end only if a goroutine is waiting on something simcc does not control.
    setImmediate(() => this.foreignAwait());
    this.schedule();
    return done;
  }

  /** Goroutine code (not a step) read object `id` (or changed it, `read` false): see codeTouches. */
  noteTouch(id: number, read: boolean): void {
    if (this.trackCodeTouches) this.codeTouches.push({ id, read });
  }

  newObjectId(): number {
    return this.nextObjectId++;
  }

  /** How many simulated objects this execution has created (their ids are 1..objectCount). */
  get objectCount(): number {
    return this.nextObjectId - 1;
  }

  // ---- goroutines -------------------------------------------------------------------------

  /**
   * Create a goroutine; `go` is a release of the parent: the child sees all it did before. `at`
   * says where it was started when no scenario frame is on the stack (a primitive's step spawns it).
   */
  spawn(body: () => unknown, name: string | undefined, parent: Thread | null, clock?: VectorClock, at?: string): Thread {
    const id = this.threads.length;
    const startedAt = at ?? (parent && this.captureLocations ? callerLocation() : undefined);
    const t = new Thread(id, name ?? `${this.flavour.thread}-${id}`, body, parent?.clock ?? clock ?? null, startedAt);
    // Started by the goroutine whose code or step runs now, else by a timer firing (or it is main).
    const creator = this.running;
    if (creator) t.key = `${creator.key}.${creator.children++}`;
    else if (id > 0) t.key = `T.${this.timerChildren++}`;
    if (parent) parent.clock.tick(parent.id);
    this.threads.push(t);
    this.liveCount++;
    // Starting a goroutine is simcc's work, not the scenario spinning: a loop that starts 100,000 of
    // them before its next await moves the watchdog's step counter (harness/protocol.ts PROGRESS_STEPS).
    if (this.opts.progress) this.opts.progress[0]!++;
    const op = new StartOp(this, t);
    this.runnable.parked(t, op, this.steps);
    // A goroutine started by a member of a group (a node's) runs in that group, and stops with it.
    const group = creator?.group;
    if (group) {
      t.group = group;
      group.adopt(t);
    }
    return t;
  }

  // ---- gates and kills (runtime/gate.ts) ----------------------------------------------------

  /** `t` may step only while `gate` admits it (null: no gate). A thread has at most one gate. */
  setGate(t: Thread, gate: Gate | null): void {
    if (t.gate === gate) return;
    t.gate = gate;
    const op = t.pending;
    if (!t.finished && !t.killed && op !== null && op.parked && t !== this.running) this.runnable.parked(t, op, this.steps);
  }

  /**
   * What `gate.admits` reads has changed: its threads are looked at again before the next step, and
   * the event in progress (a step, or a timer firing) is recorded as writing the gate (for DPOR).
   */
  gateChanged(gate: Gate): void {
    this.runnable.touched(gate.id);
    this.noteTouch(gate.id, false);
  }

  /**
   * Stop `t` for good (its node crashed): it never takes another step, it is not live for the
   * deadlock and leak checks, and nothing waiting for its end completes (a process that dies does not
   * return). What it holds stays held. `why` says why, for reports (killedWhy). The explorers see the
   * change of who can run as a wake-up edge of the event in progress.
   */
  kill(t: Thread, why: string): void {
    if (t.finished || t.killed) return;
    if (t.isMain) throw new Error('the main goroutine cannot be killed');
    t.killed = true;
    this.liveCount--;
    this.runnable.removed(t);
    this.killedWhy.set(t.id, why);
  }

  /** Why each killed thread was killed (for reports that mention it). */
  readonly killedWhy = new Map<number, string>();

  /** Can `t` take a step now: its gate admits it and its pending operation is parked and enabled. */
  canRun(t: Thread): boolean {
    const p = t.pending;
    return !t.finished && !t.killed && p !== null && p.parked && t.admitted() && p.enabled();
  }

  /** Is `t` stuck now: alive, with a pending operation that is not enabled or a gate that holds it back. */
  private stuck(t: Thread): boolean {
    const p = t.pending;
    return p !== null && (!p.enabled() || !t.admitted());
  }

  /** How a report says what `t` is stuck in: its operation, and its gate's reason if the gate holds it. */
  private stuckIn(t: Thread): string {
    const p = t.pending;
    const what = p?.describe() ?? 'nothing';
    return t.admitted() ? what : `${what} (${t.gate!.why(t)})`;
  }

  /** Start a goroutine's code (queued by its first step). */
  launch(t: Thread): void {
    if (this.ended || t.killed) return;
    let p: Promise<unknown>;
    try {
      p = Promise.resolve(t.body());
    } catch (e) {
      p = Promise.reject(e);
    }
    p.then(
      (v) => this.finish(t, v),
      (e) => this.crash(t, e),
    );
  }

  /** The goroutine whose code calls an operation now; the operation becomes its pending one. */
  register(op: Op, owner?: Thread): Thread {
    if (owner) {
      owner.pending = op;
      op.parked = true;
      return owner;
    }
    if (this.ended) throw new Halt('the execution has ended');
    const t = this.running;
    if (!t) throw new ScenarioError(`a simulated operation was called outside any ${this.flavour.thread}`, op.at);
    if (t.pending) this.notAwaited(t.pending);
    t.pending = op;
    return t;
  }

  /** `prev`, an operation of the running thread, was made and not awaited before its next operation: a scenario error. */
  notAwaited(prev: Op): never {
    this.scenarioError(`${prev.describe()} was not awaited before the next operation: await every simulated operation`, prev.at);
    throw new Halt('operation not awaited');
  }

  /**
   * The running goroutine awaited its pending operation: choose the next step. `then` may be called
   * from scenario code (`op.then(f)`), and a settled op may run such an `f` synchronously, so the
   * scheduler can be re-entered from inside itself; past a small depth it continues in a microtask.
   */
  park(op: Op): void {
    if (this.ended || op.thread !== this.running) return;
    if (op.thread.killed) {
      // Its node crashed while its own code ran (it crashed its own node): it stops here.
      this.running = null;
      this.schedule();
      return;
    }
    op.arrive();
    this.runnable.arrived(op);
    this.runnable.parked(op.thread, op, this.steps);
    // A yield that must wait for others (the fair-yield rule) prunes the schedules where it runs on now.
    if (op.isYieldOp && !op.enabled()) this.fairYields = true;
    // A wait takes no step of its own: the timeline says where the goroutine's last step left it.
    if (this.trace && !op.enabled()) this.noteWait(op.thread, true);
    this.running = null;
    if (this.depth > 32) queueMicrotask(() => this.schedule());
    else this.schedule();
  }

  private finish(t: Thread, value: unknown): void {
    if (this.ended) return;
    if (t.killed) {
      if (this.running === t) this.running = null;
      this.schedule();
      return;
    }
    if (t.pending) {
      this.scenarioError(`${t.pending.describe()} was not awaited (${this.flavour.thread} '${t.name}' ended without awaiting it)`, t.pending.at);
      return;
    }
    t.finished = true;
    t.result = value;
    t.finalClock = t.clock.copy();
    this.liveCount--;
    this.runnable.finished(t);
    if (t.isMain) {
      this.mainDoneAt = this.steps;
      this.mainDoneTime = this.virtualTime;
    }
    if (this.running === t) this.running = null;
    this.schedule();
  }

  private crash(t: Thread, err: unknown): void {
    if (this.ended || err instanceof Halt) return;
    if (t.killed) return this.finish(t, undefined);
    if (err instanceof ScenarioError) {
      this.scenarioError(err.message, err.location ?? errorLocation(err));
      return;
    }
    if (err instanceof SimPanic) {
      const at = (err as SimPanic & { at?: string }).at ?? errorLocation(err);
      this.fatal(err.kind, err.message, { threads: [t], locations: [at, ...(err.related ?? [])] });
      return;
    }
    if (isScenarioMistake(err)) {
      this.scenarioError(`${err.name}: ${err.message}`, errorLocation(err));
      return;
    }
    if (!(err instanceof Error)) {
      // `throw 42`: a value that is not an Error carries no stack, so the location is the goroutine's last
      // operation (the throw is after it), or where it was started.
      const at = t.lastAt ?? t.startedAt;
      this.fatal('panic', safeString(err), {
        threads: [t],
        locations: [at],
        details: [`${this.flavour.thread} '${t.name}' threw ${typeof err === 'object' ? 'a value' : `a ${typeof err}`} it did not catch${at ? `, after ${at} (a value that is not an Error has no stack: throw new Error(…) to get the line)` : ''}`],
      });
      return;
    }
    const name = safeString(err.name);
    this.fatal('panic', `${name === 'Error' ? '' : name + ': '}${safeString(err.message)}`, {
      threads: [t],
      // An Error a primitive's step made (an etcd call's rejection with Go's text) has no scenario frame:
      // the goroutine's last operation is the call that failed, and the scenario did not catch it.
      locations: [errorLocation(err) ?? t.lastAt ?? t.startedAt],
      details: [`${this.flavour.thread} '${t.name}' threw an exception it did not catch`],
    });
  }

  // ---- the step loop ----------------------------------------------------------------------

  /** The goroutines not finished, in id order (for reports: a full scan). */
  private get live(): Thread[] {
    return this.threads.filter((t) => !t.finished && !t.killed);
  }

  /** Object `id` changed in a way its waiters may see, outside the stepping op's footprint (a close by a cancel). */
  touched(id: number): void {
    this.runnable.touched(id);
  }

  /** Goroutine `t`'s pending operation was woken or completed by someone else: look at it again. */
  retest(t: Thread): void {
    this.runnable.retest(t);
  }

  /** Something global changed: every goroutine that may block is looked at again before the next step. */
  wakeAll(): void {
    this.runnable.wakeAll();
  }

  /** Whether a goroutine parked at a yield may run now (the fair-yield rule, yield.ts). */
  yieldRunnable(t: Thread): boolean {
    return this.runnable.yieldRunnable(t);
  }

  private enabledThreads(): ReadyThreads {
    for (const id of this.completedFor) this.runnable.retest(this.threads[id]!);
    const ready = this.runnable.refresh(this.steps);
    if (CHECK_RUNNABLE) this.checkRunnable(ready);
    const inj = this.injector;
    if (inj === null || ready.length === 0 || !inj.canInject(ready)) return ready;
    // The fault injector is offered among the threads, in id order (runtime/injector.ts).
    const withInjector = ready.toArray();
    let i = withInjector.length;
    while (i > 0 && withInjector[i - 1]!.id > inj.thread.id) i--;
    withInjector.splice(i, 0, inj.thread);
    return withInjector;
  }

  // ---- faults as scheduling choices (runtime/injector.ts) ------------------------------------

  /** The fault injector's pending operation, once a source registered under --faults. */
  private injector: InjectOp | null = null;
  private readonly faultSources: FaultSource[] = [];

  /** The fault injector's thread while it may still inject (budget left), for the explorers; else null. */
  pendingInjector(): Thread | null {
    const inj = this.injector;
    return inj !== null && inj.injected < inj.options.max ? inj.thread : null;
  }

  /** --faults and --max-faults, if given (a flavour reads the kinds it may inject). */
  get faults(): FaultOptions | undefined {
    return this.opts.faults;
  }

  /**
   * A flavour offers faults (an etcd cluster): under --faults, the first source creates the injector, a
   * thread that is never live (created killed) and that the execution offers to the strategy.
   */
  addFaultSource(source: FaultSource): void {
    const f = this.opts.faults;
    if (!f || f.max <= 0 || f.kinds.length === 0) return;
    this.faultSources.push(source);
    if (this.injector) return;
    const t = new Thread(this.threads.length, 'faults', () => undefined, null, undefined);
    const creator = this.running;
    if (creator) t.key = `${creator.key}.${creator.children++}`;
    else t.key = `T.${this.timerChildren++}`;
    this.threads.push(t);
    t.killed = true;
    this.killedWhy.set(t.id, 'the fault injector is not a goroutine');
    this.injector = new InjectOp(this, t, f, this.faultSources);
  }

  /** SIMCC_CHECK_RUNNABLE=1: the incremental set must equal a full scan's. */
  private checkRunnable(ready: ReadyThreads): void {
    const want: number[] = [];
    const listed: number[] = [];
    for (const t of this.threads) {
      const p = t.pending;
      if (t.finished || t.killed || p === null || !p.parked || t === this.running || !t.admitted()) continue;
      if (p.enabled()) want.push(t.id);
      if (p instanceof YieldOp || p.enabled()) listed.push(t.id);
    }
    const got = ready.map((t) => t.id);
    const gotListed = this.runnable.listedIds();
    if (got.join() !== want.join() || gotListed.join() !== listed.join()) {
      throw new Error(
        `runnable set differs from a full scan at step ${this.steps}: incremental [${got}] listed [${gotListed}], scan [${want}] listed [${listed}]`,
      );
    }
  }

  private schedule(): void {
    this.depth++;
    try {
      this.loop();
    } catch (e) {
      if (e instanceof Halt) return;
      // One line, no stack frames (simcc's own paths mean nothing to the user); the scenario's frame, if any, is the location.
      const msg = e instanceof Error ? `${e.name === 'Error' ? '' : `${safeString(e.name)}: `}${safeString(e.message)}` : safeString(e);
      this.scenarioError(`simcc internal error: ${msg.split('\n')[0]}`, errorLocation(e));
    } finally {
      this.depth--;
    }
  }

  /** May the earliest timer fire now? Never while a goroutine that can run defers timers (Op.defersTimers). */
  private timerReady(enabled: ReadyThreads): boolean {
    if (this.timers.size === 0) return false;
    const enabledCount = enabled.length;
    if (enabledCount > 0 && this.opts.timeMode === 'synctest') return false;
    // Free mode: a timer may fire at any step, while goroutines can run too (a timeout can beat the
    // work it guards, as a stalled machine lets it; the contract's "real machines stall"). No rule
    // ties firings to goroutine steps, so a firing commutes with every step that neither reads the
    // clock nor touches what it wakes (scheduler/trace.ts). The random strategy does not let a
    // timer pass a goroutine over twice (scheduler/random.ts), as a sampling policy only.
    if (!this.runnable.timersAllowed()) return false;
    if (this.timeHolders.length > 0 && this.timeHeld()) return false;
    if (this.mainDoneAt >= 0) {
      const bound = this.mainDoneTime + (this.opts.leakTimeBound ?? 60_000);
      if (this.timers.nextDeadline() > bound) return false;
    }
    return true;
  }

  private loop(): void {
    const opts = this.opts;
    for (;;) {
      if (this.ended) return;
      const enabled = this.enabledThreads();
      const timerReady = this.timerReady(enabled);
      if (enabled.length === 0 && !timerReady) return this.quiesce();
      if (this.steps >= opts.stepLimit) return this.stepLimitReached();
      if (this.mainDoneAt >= 0 && this.steps - this.mainDoneAt >= opts.leakStepBound) return this.reportLeaks();
      let pick = 0;
      if (enabled.length + (timerReady ? 1 : 0) > 1) {
        try {
          pick = opts.strategy.pickThread(enabled, this.steps, timerReady, this.lastThread);
        } catch (e) {
          if (e instanceof Divergence) return this.diverge(e.message);
          if (e instanceof Abandon) return this.abandon(e.message);
          throw e;
        }
        this.record(pick === enabled.length ? FIRE_TIMER : enabled.at(pick)!.id);
      }
      this.steps++;
      if (opts.progress) opts.progress[0]!++;
      if (opts.strategy.onStep) {
        try {
          opts.strategy.onStep(this, enabled, timerReady, pick);
        } catch (e) {
          if (e instanceof Abandon) return this.abandon(e.message);
          throw e;
        }
      }
      // The strategy's hook has seen what the previous step completed for others; this step starts afresh.
      if (this.completedFor.length > 0) this.completedFor.length = 0;
      if (pick === enabled.length) {
        this.fireTimer();
        // A timer's action is runtime code that may wake anything (a sleeper, a context's waiters).
        this.runnable.wakeAll();
        continue;
      }
      const t = enabled.at(pick)!;
      const op = t.pending!;
      if (op === this.injector) {
        // A fault, injected between two steps of the program: it changes nodes, not the injector.
        this.lastThread = t.id;
        const clock = this.tracing ? t.clock.toSparseArray() : null;
        op.step();
        if (clock) this.trace!.push(this.traceEvent(t, op, clock));
        if (this.ended) return;
        continue;
      }
      this.runnable.stepping(t, op, this.steps);
      this.running = t;
      this.lastThread = t.id;
      // Only while recording a trace (the reported execution): the clocks around the step, for the HTML report's edges.
      const before = this.tracing ? t.clock.toSparseArray() : null;
      let done: boolean;
      try {
        done = op.step();
      } catch (e) {
        if (!(e instanceof SimPanic)) throw e;
        (e as SimPanic & { at?: string }).at ??= op.at;
        done = op.failWith(e);
      }
      if (before) this.trace!.push(this.traceEvent(t, op, before));
      if (this.ended) return;
      if (done) {
        t.pending = null;
        t.lastAt = op.at ?? t.lastAt;
        if (opts.onResume) opts.onResume({ id: t.id, name: t.name }, op.at ?? t.startedAt);
        op.settle();
        return;
      }
      this.running = null;
      // Still pending (a step of several): it is parked at the same op, maybe blocked now.
      this.runnable.parked(t, op, this.steps);
    }
  }

  /**
   * The trace event of `t`'s step of `op`, with its clock before and after the step and the clocks of the
   * goroutines whose operation the step completed (a channel hand-off): what report/html-edges.ts derives
   * the happens-before edges from.
   */
  private traceEvent(t: Thread, op: Op, before: number[]): TraceEvent {
    const e: TraceEvent = { step: this.steps, thread: t.id, threadName: t.name, what: op.traced(), at: op.at, time: this.virtualTime };
    e.clock = { before, after: t.clock.toSparseArray() };
    if (this.completedFor.length > 0) e.woke = this.completedFor.map((id) => ({ thread: id, clock: this.threads[id]!.clock.toSparseArray() }));
    return e;
  }

  /**
   * Fire the earliest pending timer, moving virtual time to its deadline. Ties: a timer that only wakes
   * its starter (Timer.carries 'self': a sleep) fires first, the first such in queue order, without a
   * choice; among the others which fires is a recorded choice. Nobody can tell a sleeper woken but not
   * yet running from one still asleep, so any execution in which another tied timer fired before a
   * sleep is one in which the sleep fired first with nothing else changed: only the timers that others
   * can observe (a channel's value, a context's Done, an afterFunc's goroutine, a stop's answer) need
   * their tie orders explored.
   */
  private fireTimer(): void {
    const candidates = this.timers.earliest();
    const timer = candidates.length === 1 ? candidates[0]! : (candidates.find((c) => c.carries === 'self') ?? candidates[this.choose('timer', candidates.length)]!);
    this.timers.take(timer);
    if (timer.deadline > this.virtualTime) this.virtualTime = timer.deadline;
    this.running = null;
    // Those it wakes know its deadline has passed (VectorClock.known).
    const carries = timer.carries;
    if (carries === undefined) this.opaqueFired = Math.max(this.opaqueFired, timer.deadline);
    else if (carries !== 'self') carries.seeTime(timer.deadline);
    timer.fire();
    if (this.tracing) this.trace!.push({ step: this.steps, thread: -1, threadName: 'timer', what: timer.label, time: this.virtualTime });
  }

  /** Append one answer to the schedule (run-length encoded: a long execution repeats answers). */
  private record(answer: number): void {
    const runs = this.choiceRuns;
    const n = runs.length;
    if (n > 0 && runs[n - 2] === answer) runs[n - 1]!++;
    else runs.push(answer, 1);
  }

  /** A choice other than which goroutine runs (select case, timer, ...): recorded like the rest. */
  choose(kind: string, n: number): number {
    if (n < 2) return 0;
    let c: number;
    try {
      c = this.opts.strategy.pickChoice(kind, n);
    } catch (e) {
      if (e instanceof Divergence) {
        this.diverge(e.message);
        throw new Halt('diverged');
      }
      if (e instanceof Abandon) {
        this.abandon(e.message);
        throw new Halt('abandoned');
      }
      throw e;
    }
    this.record(c);
    return c;
  }

  /** Is a goroutine other than `t` alive (and so able, in principle, to unlock what `t` holds)? */
  othersAlive(t: Thread): boolean {
    return this.liveCount - (t.finished ? 0 : 1) > 0;
  }

  /**
   * At a deadlock or a leak: a goroutine blocked on a lock it holds itself is a double lock that
   * nobody undid (see detectors/deadlock.ts checkSelfLock); report that, the root cause, first.
   */
  private reportSelfLock(): boolean {
    const t = this.live.find((u) => u.pending !== null && !u.pending.enabled() && u.pending.waitsFor() === u && isLockAcquire(u.pending.kind));
    if (!t) return false;
    const op = t.pending!;
    const held = t.holds.find((h) => h.lock === op.obj);
    const word = this.flavour.thread;
    this.fatal('double-lock', `${word} '${t.name}' locks ${held?.what ?? op.obj?.name ?? 'a lock'}, which it already holds, and no other ${word} unlocked it`, {
      threads: [t],
      locations: [op.at, held?.at],
    });
    return true;
  }

  /**
   * Lines a flavour adds to every deadlock and leak report: the state the threads' own operations do not
   * show (etcd: which leases expired and when, which nodes crashed). Called once per report; no step.
   */
  readonly reportNotes: (() => string[])[] = [];

  private notes(): string[] {
    return this.reportNotes.flatMap((f) => f());
  }

  /** No goroutine can take a step. */
  private quiesce(): void {
    if (this.liveCount === 0) return this.end();
    if (this.reportSelfLock()) return;
    if (this.mainDoneAt < 0) {
      this.fatal('deadlock', this.flavour.deadlockMessage, {
        threads: this.live.slice(),
        locations: this.live.map((t) => t.pending?.at),
        details: [
          ...this.live.flatMap((t) => [
            `${this.flavour.thread} '${t.name}'${groupOf(t)} is blocked in ${this.stuckIn(t)}`,
            ...(t.pending?.explain() ?? []).map((l) => `  ${l}`),
          ]),
          ...this.notes(),
        ],
      });
      return;
    }
    this.reportLeaks();
  }

  /** After main returned and the rest settled: every goroutine still alive is a leak. */
  private reportLeaks(): void {
    if (this.reportSelfLock()) return;
    for (const t of this.live) {
      const blocked = this.stuck(t);
      const what = !blocked
        ? `still running ${this.opts.leakStepBound} steps after main returned`
        : this.timers.size === 0
          ? `blocked forever in ${this.stuckIn(t)}`
          : `still blocked in ${this.stuckIn(t)} when the leak check gave up (a timer is pending past its bound)`;
      this.findings.push(
        this.makeFinding('leak', `${this.flavour.thread} '${t.name}'${groupOf(t)} leaked: ${what}`, {
          threads: [t],
          locations: [t.pending?.at, t.startedAt],
          details: [...(t.pending?.explain() ?? []), ...this.notes()],
        }),
      );
    }
    this.end();
  }

  private stepLimitReached(): void {
    this.fatal('step-limit', `execution exceeded ${this.opts.stepLimit} steps (a livelock, or an unbounded loop?)`, {
      threads: this.live.slice(),
      locations: this.live.map((t) => t.pending?.at),
    });
  }

  private diverge(message: string): void {
    this.diverged = message;
    this.fatal('nondeterminism', `replaying the schedule diverged: ${message}`, {
      details: ['the scenario did not take the same steps again: does it use Math.random, Date.now or real I/O?'],
    });
  }

  private foreignAwait(): void {
    if (this.ended) return;
    const t = this.running;
    const who = t ? `${this.flavour.thread} '${t.name}'` : 'the scenario';
    this.scenarioError(
      `${who} awaited something simcc does not control (a real timer, I/O or a foreign promise); await only simulated operations`,
      t ? (t.lastAt ?? t.startedAt) : undefined,
    );
  }

  // ---- findings ---------------------------------------------------------------------------

  describeThread(t: Thread): ThreadInfo {
    const p = t.pending;
    const state: ThreadInfo['state'] = t.finished
      ? 'finished'
      : p === null || (t === this.running && p.enabled())
        ? 'running'
        : p.enabled() && t.admitted()
          ? 'runnable'
          : 'blocked';
    const info: ThreadInfo = { id: t.id, name: t.name, state };
    if (p && !t.finished) {
      info.waitingOn = this.stuckIn(t);
      if (p.at) info.at = p.at;
    }
    if (t.holds.length) info.holds = t.holds.map((h) => (h.at ? { what: h.what, at: h.at } : { what: h.what }));
    if (t.startedAt) info.startedAt = t.startedAt;
    return info;
  }

  private makeFinding(kind: FindingKind, message: string, input: ReportInput): Finding {
    const f: Finding = {
      kind,
      message,
      threads: (input.threads ?? []).map((t) => this.describeThread(t)),
      locations: [...new Set(input.locations ?? [])].filter((l): l is string => !!l),
      schedule: '',
      step: this.steps,
    };
    if (input.details?.length) f.details = input.details;
    if (input.object) f.object = input.object;
    if (input.accesses) f.accesses = input.accesses;
    if (this.opts.seed !== undefined) f.seed = this.opts.seed;
    return f;
  }

  /** In the timeline: `t`'s last step is followed by its wait (once); `latest`: only if it is the latest step of all. */
  private noteWait(t: Thread, latest = false): void {
    const op = t.pending;
    if (!this.trace || !op) return;
    for (let i = this.trace.length - 1; i >= 0; i--) {
      const e = this.trace[i]!;
      if (e.thread !== t.id) {
        if (latest) return;
        continue;
      }
      if (!e.what.includes('; then waits: ')) e.what += `; then waits: ${op.describe()}`;
      return;
    }
  }

  /** Record a finding that ends the execution (the first one wins). */
  fatal(kind: FindingKind, message: string, input: ReportInput = {}): void {
    if (this.ended) return;
    // A deadlock found as a goroutine starts to wait (a wait-for cycle) ends the run before its park is noted:
    // the timeline ends with every deadlocked goroutine's final wait.
    if (kind === 'deadlock' && this.trace) for (const t of input.threads ?? []) if (t.pending && !t.pending.enabled()) this.noteWait(t);
    this.findings.push(this.makeFinding(kind, message, input));
    this.end();
  }

  /**
   * Record a finding that does not end the execution (tokio's `blocking-in-async`: what it causes, a
   * starved worker's deadlock, is reported after it). It changes no step.
   */
  report(kind: FindingKind, message: string, input: ReportInput = {}): void {
    if (this.ended) return;
    this.findings.push(this.makeFinding(kind, message, input));
  }

  /** The strategy gave up on this execution (an explorer's plan cannot be followed): end it, reporting nothing. */
  private abandon(reason: string): void {
    if (this.ended) return;
    this.abandoned = reason;
    this.end();
  }

  scenarioError(message: string, location: string | undefined): void {
    if (this.ended) return;
    this.error = location ? { message, location } : { message };
    this.end();
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    if (peekCurrentExecution() === this) setCurrentExecution(null);
    // The printed schedule is built only when asked for: a passing run of a million steps never prints it.
    const runs = this.choiceRuns;
    let schedule: string | undefined;
    for (const f of this.findings) f.schedule = schedule ??= encodeRuns(runs);
    const result: ExecutionResult = {
      findings: this.findings,
      get schedule(): string {
        return (schedule ??= encodeRuns(runs));
      },
      set schedule(s: string) {
        schedule = s;
      },
      steps: this.steps,
    };
    if (this.error) result.error = this.error;
    if (this.trace) result.trace = this.trace;
    if (this.diverged) result.diverged = this.diverged;
    if (this.abandoned) result.abandoned = this.abandoned;
    if (this.fairYields) result.fairYields = true;
    this.resolveEnd(result);
  }
}

export type { SimObjectRef };
