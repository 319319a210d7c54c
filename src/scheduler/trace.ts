/**
 * The explorers' record of one execution: every step as an event (goroutine, answers, touches), the
 * happens-before order between them, and which goroutines could run in each state.
 *
 * An event is a goroutine's step *and* the code the goroutine then runs up to its next operation (the
 * step's continuation): both run before the scheduler chooses again. What an event touches is:
 * - its operation's `footprint()`, taken before the step runs (an id of 0 means "the scheduler's
 *   state": which goroutines can run), and, when the operation waits for a goroutine (`waitsFor()`,
 *   e.g. a join), that goroutine's end;
 * - what the step and its continuation did, seen after it: reading the virtual time (a read of the
 *   time), cancelling or firing a timer (a write of it; adding one: see below), starting a goroutine (a
 *   write of that goroutine's "created" object, which its first step writes too), ending the goroutine
 *   (a write of its "ended" object; main's end also writes the time, which bounds the leak check's
 *   timers), and making another goroutine's pending operation able or unable to run, or completing it on its behalf
 *   (Execution.completedFor: a write of a "wake" object of that goroutine's next step, which that
 *   step writes too: an edge between the two events only), and
 *   parking at an operation that waits for a partner without a step of its own (Op.arrival: a receive
 *   on an unbuffered channel writes the channel; a send "reads" the channel's set of waiting senders,
 *   which a select with a default writes — role-swapped, so that such parkings commute; a WaitGroup
 *   Wait reads the WaitGroup);
 * - the scheduler's state (which goroutines can run): an operation whose footprint has id 0 reads it;
 *   it is kept with the roles swapped — events that change who can run "read" it, readers "write" it —
 *   so that readers conflict with every such change while the changes still commute with each other;
 * - the virtual clock and the timer queue: reading the time (Execution.time) reads the clock; stopping
 *   a timer "reads" the queue (role-swapped: stops commute with each other, since timers with one
 *   deadline are ordered by Timer.creator and Timer.seq, not by when they were started); a firing writes
 *   the queue, the clock when it moves it (not a timer due at the current time), and what its timer
 *   says it touches (Timer.touches: a sleeper's wake-up, a timer channel, a context's Done channels; a
 *   timer that does not say conflicts with everything). Nothing else: a
 *   firing commutes with every step that neither reads the clock, nor stops a timer, nor adds one of
 *   a deadline no earlier, nor touches its target. Adding a timer (TimerQueue.adds) does not touch
 *   the queue: it "reads" its deadline's object (role-swapped: adds of one deadline commute, ties
 *   firing in Timer.creator/seq order), which the firing at that deadline writes, and
 *   events.ts orders it with every firing of a deadline no earlier (Rec.adds, Rec.fires: a range the
 *   objects cannot say); it makes no wake-up edge to the next firing either. A firing of a timer that
 *   carries no clock (Timer.carries) writes the "opaque time" that a Go sleep's start reads
 *   (Execution.opaqueTime). Under --time synctest a firing conflicts with everything: it can only happen
 *   when nothing else can run, so it is ordered after all that came before. A firing that a step
 *   prevented (the step stopped the last timer that could fire) counts as a step pending at the end
 *   (`timerLost`), as a goroutine's blocked step does, so that the stop races with it;
 * - what goroutine code read outside any step (Execution.codeTouches: a context's err()).
 * Happens-before is program order plus dependence, kept as one vector clock per event (slot 0 is the
 * timer pseudo-goroutine, slot r+1 the goroutine with runtime id r), and a second one without the
 * scheduler's state's orders (`rclock`, raceClockOf), on which races are found (candidates, notdep,
 * feasible: hbAfter). A step still pending at the end also touches what it would change (Op.mayEffect).
 *
 * Invariant: the recorder reads the execution and never changes it; names are stable (keys.ts).
 */
import type { ReadyThreads } from '../runtime/ready-list.js';
import type { Execution } from '../runtime/execution.js';
import { waitingSet, type Op } from '../runtime/op.js';
import type { Thread } from '../runtime/thread.js';
import type { Ev } from './events.js';
import { KeyTable, MAIN_NAME, OPAQUE_TIME_OBJECT, SCHED_OBJECT, TIME_OBJECT, TIMER_NAME, TIMERS_OBJECT, createdObject, deadlineObject, endedObject, wakeObject } from './keys.js';

/** A recorded event (mutable while its step runs). */
export interface Rec extends Ev {
  readonly index: number;
  /** 0 for the timer, runtime id + 1 for a goroutine. */
  readonly slot: number;
  /** How many events of the same slot came before it. */
  readonly local: number;
  /** Index of the previous event of the same slot, or -1. */
  readonly prevSame: number;
  ch: number[];
  /** How many options each choice had. */
  ranges: number[];
  objs: number[];
  writes: boolean[];
  all: boolean;
  /** Happens-before clock (set when the event is closed; full mode only). */
  clock: Int32Array;
  /** The same without the scheduler's state's orders, for finding races (TraceRecorder.raceClockOf). */
  rclock: Int32Array;
  /** Its step started a timer late (TraceRecorder.startedLate): `base` is then kept when it closes. */
  late?: true;
  /** For a `late` event: its clock without its own touches of its timers' deadline objects. */
  base?: Int32Array;
  /** objs[0..pre) were known before the step ran (what it needs to run); the rest is what it did. */
  pre: number;
  /** objs[0..foot) are its operation's own footprint (what kind of step it is: e.g. a completion a partner did touches nothing). */
  foot: number;
  /** Its step (stepOf), once made. */
  step?: Ev;
}

/** The answers of a step that made no choice (shared: a step's answers are never changed). */
const NO_CHOICES: readonly number[] = Object.freeze([]);

/**
 * A closed event as a step a wakeup tree keeps: its Ev fields only, made once per event. Trees outlive
 * their execution; holding the events themselves kept every execution's clocks alive (two per event, most
 * of an event's size) for as long as a branch did.
 */
export function stepOf(e: Rec): Ev {
  // Exact-size copies (the event's own arrays grew by pushes, with room to spare); most steps make no choice.
  return (e.step ??= {
    t: e.t,
    ch: e.ch.length === 0 ? NO_CHOICES : e.ch.slice(),
    objs: e.objs.slice(),
    writes: e.writes.slice(),
    all: e.all,
    ...(e.adds !== undefined && { adds: e.adds }),
    ...(e.fires !== undefined && { fires: e.fires }),
  });
}

interface ObjState {
  lastWrite: number;
  readsSince: number[];
  /** Every event that touched it, in order, and whether it wrote. */
  idx: number[];
  wrote: boolean[];
}

const EMPTY_CLOCK = new Int32Array(0);

/** `into` gains every entry of `other` it is behind on (entries past `into`'s length are left out). */
function joinInto(into: Int32Array, other: Int32Array): void {
  const m = Math.min(other.length, into.length);
  for (let i = 0; i < m; i++) if (other[i]! > into[i]!) into[i] = other[i]!;
}

/** `acc` joined with `c`, grown to `c`'s length when shorter (a new array then). */
function joinGrown(acc: Int32Array, c: Int32Array): Int32Array {
  let out = acc;
  if (out.length < c.length) {
    out = new Int32Array(c.length);
    out.set(acc);
  }
  joinInto(out, c);
  return out;
}

export class TraceRecorder {
  readonly events: Rec[] = [];
  /** enabledAt[s]: the slots that could take step s (0: a timer could fire); enabledAt[events.length] after finish(). */
  readonly enabledAt: number[][] = [];
  /** The steps that were pending when the execution ended (live goroutines; the timer if one could fire). */
  pendingAtEnd: Rec[] = [];
  /** The final state still had options: the last event cut the execution short (a finding, a bound). */
  truncated = false;

  private exec: Execution | null = null;
  private names: string[] = [];
  private keyOf: number[] = [];
  private runtimeByKey = new Map<number, number>();
  private childCount: number[] = [];
  private objCount: number[] = [];
  private objKey: number[] = [];
  private waitingKey: number[] = [];
  private threadsSeen = 0;
  private objectsSeen = 0;
  private timeReadsSeen = 0;
  private timerVersionSeen = 0;
  private opaqueReadsSeen = 0;
  /**
   * Per goroutine, before and after the step: 0 when it cannot run, else 1 + its pending operation's
   * `readySet()` (which of a select's cases could run), so that an event changing either is seen.
   */
  private wasEnabled = new Int32Array(16);
  private enabledNow = new Int32Array(16);
  private wasTimerReady = false;
  /**
   * A step other than a firing took away the timer's chance to fire (it stopped the last timer that
   * could fire, or in synctest mode made a goroutine runnable) since the timer last fired. The firing
   * it prevented is then a step pending at the end, like a goroutine's blocked step: without it, a
   * stop that always came first would hide every execution in which the timer fires (a context's
   * timeout beating `cancel()`).
   */
  private timerLost = false;
  /**
   * In this execution a timer fired while a goroutine could run (free time mode's stalled machine). The
   * explore report then suggests --time synctest when it stops incomplete: such firings multiply the
   * interleavings.
   */
  timerBeatThreads = false;
  private threadsAtOpen = 0;
  private extra: (number[] | undefined)[] = [];
  private lastBySlot: number[] = [];
  private localCount: number[] = [];
  /**
   * Each object's state by key (keys are small dense integers, kept across executions): a look-up at
   * every touch of every step, where a Map's hashing showed in the profiles. `objectKeys` lists the keys
   * this execution set, for `reset`.
   */
  private objects: (ObjState | undefined)[] = [];
  private objectKeys: number[] = [];
  private globals: number[] = [];
  private allJoin: Int32Array = EMPTY_CLOCK;
  private allJoinR: Int32Array = EMPTY_CLOCK;
  private cur: Rec | null = null;
  private curOp: Op | null = null;
  /**
   * Keys of the role-swapped objects (the scheduler's state, the timer queue, the sets of goroutines
   * parked at a channel): their "reads" change them, so `feasible` cannot tell their state from writes.
   */
  private readonly swapped = new Set<number>();
  /** Keys of the per-deadline objects (deadlineObject): an add's own touch of one is left out of its `base` clock. */
  private readonly deadlineKeys = new Set<number>();
  /** notdep(i) by i, once asked (the execution has ended then: its events no longer change). */
  private notdeps: (Ev[] | undefined)[] = [];
  /** Scratch marks for `candidates` (an event is marked when mark[i] === stamp). */
  private mark = new Uint32Array(64);
  private stamp = 0;
  private readonly timeKey: number;
  private readonly schedKey: number;
  private readonly timerKey: number;
  private readonly opaqueKey: number;
  private readonly queueKey: number;

  constructor(
    readonly keys: KeyTable,
    /** Record touches and happens-before (DPOR); otherwise only goroutines and answers (DFS). */
    readonly full: boolean,
    private readonly synctest: boolean,
  ) {
    this.timeKey = keys.id(TIME_OBJECT);
    this.schedKey = keys.id(SCHED_OBJECT);
    this.timerKey = keys.id(TIMER_NAME);
    this.opaqueKey = keys.id(OPAQUE_TIME_OBJECT);
    this.queueKey = keys.id(TIMERS_OBJECT);
    this.swapped.add(this.schedKey).add(this.queueKey);
  }

  /** Forget the previous execution. */
  reset(): void {
    this.events.length = 0;
    this.notdeps = [];
    this.enabledAt.length = 0;
    this.pendingAtEnd = [];
    this.truncated = false;
    this.exec = null;
    this.names = [];
    this.keyOf = [];
    this.runtimeByKey = new Map();
    this.childCount = [];
    this.objCount = [];
    this.objKey = [];
    this.waitingKey = [];
    this.threadsSeen = 0;
    this.objectsSeen = 0;
    this.timeReadsSeen = 0;
    this.timerVersionSeen = 0;
    this.opaqueReadsSeen = 0;
    this.wasTimerReady = false;
    this.timerLost = false;
    this.timerBeatThreads = false;
    this.threadsAtOpen = 0;
    this.extra = [];
    this.lastBySlot = [];
    this.localCount = [];
    for (const k of this.objectKeys) this.objects[k] = undefined;
    this.objectKeys.length = 0;
    this.globals = [];
    this.allJoin = EMPTY_CLOCK;
    this.allJoinR = EMPTY_CLOCK;
    this.cur = null;
    this.curOp = null;
  }

  get timerThreadKey(): number {
    return this.timerKey;
  }

  /** The runtime id of the goroutine with this stable name in this execution, if it exists yet. */
  runtimeOf(key: number): number | undefined {
    return this.runtimeByKey.get(key);
  }

  keyOfRuntime(id: number): number {
    const k = this.keyOf[id];
    if (k === undefined) throw new Error(`simcc internal error: goroutine ${id} has no stable name`);
    return k;
  }

  /** The stable name of a slot (goroutine or timer). */
  keyOfSlot(slot: number): number {
    return slot === 0 ? this.timerKey : this.keyOfRuntime(slot - 1);
  }

  // ---- recording --------------------------------------------------------------------------

  /**
   * The state before step `events.length`: close the previous event against it (what its step and
   * continuation did), then note which slots can run.
   */
  observe(exec: Execution, enabled: ReadyThreads, timerReady: boolean): void {
    this.exec = exec;
    if (this.full) {
      exec.trackCodeTouches = true;
      exec.timers.trackAdds = true;
    }
    const n = exec.threads.length;
    if (this.enabledNow.length < n) {
      this.enabledNow = new Int32Array(n * 2);
      const w = new Int32Array(n * 2);
      w.set(this.wasEnabled);
      this.wasEnabled = w;
    }
    const now = this.enabledNow;
    now.fill(0);
    // One pass (a step's fixed cost of the explorer): what each goroutine can do now, and the slots that can step.
    const k = enabled.length;
    const slots: number[] = new Array<number>(k + (timerReady ? 1 : 0));
    let n0 = 0;
    if (timerReady) slots[n0++] = 0;
    for (let i = 0; i < k; i++) {
      const t = enabled.at(i)!;
      now[t.id] = 1 + t.pending!.readySet();
      slots[n0++] = t.id + 1;
    }
    this.closeCurrent(timerReady);
    this.enabledAt.push(slots);
    // The two arrays always have the same length (they grow together, above).
    this.wasEnabled.set(now);
    this.wasTimerReady = timerReady;
  }

  /** Step `events.length` runs on `slot` (0: the earliest timer fires). */
  open(slot: number): Rec {
    const exec = this.exec!;
    const index = this.events.length;
    const local = this.localCount[slot] ?? 0;
    this.localCount[slot] = local + 1;
    const prevSame = this.lastBySlot[slot] ?? -1;
    this.lastBySlot[slot] = index;
    const ev: Rec = {
      index,
      slot,
      local,
      prevSame,
      t: this.keyOfSlot(slot),
      ch: [],
      ranges: [],
      objs: [],
      writes: [],
      all: false,
      clock: EMPTY_CLOCK,
      rclock: EMPTY_CLOCK,
      pre: 0,
      foot: 0,
    };
    this.threadsAtOpen = exec.threads.length;
    if (slot === 0 && (this.enabledAt[index]?.length ?? 0) > 1) this.timerBeatThreads = true;
    this.curOp = slot === 0 ? null : exec.threads[slot - 1]!.pending;
    if (this.full) {
      this.touchesBefore(ev, exec);
      this.extra[slot] = undefined;
    }
    this.events.push(ev);
    this.cur = ev;
    return ev;
  }

  /** An answer to a non-thread choice of the current step. */
  choice(c: number, n: number): void {
    const ev = this.cur;
    if (!ev) return;
    ev.ch.push(c);
    ev.ranges.push(n);
  }

  /** The execution ended: close the last event against the final state and note what was still pending. */
  finish(exec: Execution): void {
    this.exec = exec;
    const enabled: Thread[] = [];
    const live: Thread[] = [];
    for (const t of exec.threads) {
      if (t.finished || t.killed) continue;
      live.push(t);
      if (exec.canRun(t)) enabled.push(t);
    }
    const timerReady = exec.timers.size > 0 && (enabled.length === 0 || !this.synctest);
    this.observe(exec, enabled, timerReady);
    this.truncated = enabled.length > 0 || timerReady;
    if (!this.full) return;
    const pending: Rec[] = [];
    const last = this.events[this.events.length - 1];
    for (const t of live) {
      const op = t.pending;
      if (op === null || !op.parked) continue;
      // The step cut short by the end is the last event itself, not a step to come.
      if (last && last.slot === t.id + 1 && op === this.curOp) continue;
      pending.push(this.virtual(t.id + 1, exec));
    }
    // The fault injector (runtime/injector.ts) is offered only while a node's goroutine can run, so it is
    // not persistent: a step that is not a fault's concern can take its chance away. While its budget lasts,
    // its next step counts as pending at the end, so that every earlier step it races with gets a branch
    // with the fault injected just before it.
    const inj = exec.pendingInjector();
    if (inj !== null && !(last && last.slot === inj.id + 1 && inj.pending === this.curOp)) pending.push(this.virtual(inj.id + 1, exec));
    if (timerReady || this.timerLost) pending.push(this.virtual(0, exec));
    this.pendingAtEnd = pending;
    this.cur = null;
  }

  private virtual(slot: number, exec: Execution): Rec {
    const ev: Rec = {
      index: this.events.length,
      slot,
      local: this.localCount[slot] ?? 0,
      prevSame: this.lastBySlot[slot] ?? -1,
      t: this.keyOfSlot(slot),
      ch: [],
      ranges: [],
      objs: [],
      writes: [],
      all: false,
      clock: EMPTY_CLOCK,
      rclock: EMPTY_CLOCK,
      pre: 0,
      foot: 0,
    };
    this.touchesBefore(ev, exec);
    // A step that never ran races as if it ran: what it would change (Op.mayEffect), after what it needs.
    const op = slot === 0 ? null : exec.threads[slot - 1]!.pending;
    if (op) for (const x of op.mayEffect()) this.touch(ev, this.touchKey(x.id), !x.read);
    return ev;
  }

  // ---- touches ----------------------------------------------------------------------------

  private touch(ev: Rec, obj: number, write: boolean): void {
    const i = ev.objs.indexOf(obj);
    if (i >= 0) {
      if (write) ev.writes[i] = true;
      return;
    }
    ev.objs.push(obj);
    ev.writes.push(write);
  }

  /** What the step touches, known before it runs. */
  private touchesBefore(ev: Rec, exec: Execution): void {
    const slot = ev.slot;
    if (slot === 0) {
      // A firing writes the clock only when it moves it. A timer whose deadline is the time already
      // (a second timer with the same deadline, a sleep(0)) leaves every read of the time as it was, in
      // whatever order the two run. The time before a firing is the same in every execution of one trace:
      // firings are ordered among themselves, and only firings move it.
      if (exec.timers.nextDeadline() > exec.timeForMetrics) this.touch(ev, this.timeKey, true);
      if (this.synctest) ev.all = true;
      // It takes the earliest timer from the queue (stopping timers only "read" it, role-swapped, so that
      // stops commute with each other; adding one touches its deadline's object instead, below).
      this.touch(ev, this.queueKey, true);
      // And the timers of its deadline: an add conflicts with the firings of its deadline and later ones (TimerQueue.adds).
      ev.fires = exec.timers.nextDeadline();
      this.touch(ev, this.keys.id(deadlineObject(ev.fires)), true);
      for (const timer of exec.timers.earliest()) {
        // Its time reaches those it wakes by no clock: every later start of a sleep depends on it (Execution.opaqueTime).
        if (timer.carries === undefined) this.touch(ev, this.opaqueKey, true);
        const ts = typeof timer.touches === 'function' ? timer.touches() : timer.touches;
        if (ts === undefined) {
          ev.all = true;
          continue;
        }
        for (const x of ts) this.touch(ev, this.objectKey(x.id), !x.read);
      }
    } else {
      const th = exec.threads[slot - 1]!;
      const op = th.pending;
      if (op) {
        for (const x of op.footprint()) this.touch(ev, x.id === 0 ? this.schedKey : this.touchKey(x.id), !x.read);
        // A gated thread's step reads its gate (runtime/gate.ts): ordered against the gate's changes.
        if (th.gate !== null) this.touch(ev, this.objectKey(th.gate.id), false);
        // Every step changes its goroutine's progress, which a goroutine parking at a yield reads
        // (runtime/yield.ts): role-swapped, the step "reads" the scheduler's state, the parking writes it.
        this.touch(ev, this.schedKey, false);
        const w = op.waitsFor();
        if (w) this.touch(ev, this.keys.id(endedObject(this.names[w.id] ?? `?${w.id}`)), false);
      }
    }
    ev.foot = ev.objs.length;
    // Dependences its goroutine picked up since its last step (its creation, wake-ups).
    const more = this.extra[slot];
    if (more) for (const k of more) this.touch(ev, k, true);
    ev.pre = ev.objs.length;
  }

  /** The key of a touched id: an object, or (negative) a set of goroutines parked at one (op.ts waitingSet). */
  private touchKey(id: number): number {
    if (id > 0) return this.objectKey(id);
    let k = this.waitingKey[-id];
    if (k === undefined) {
      const w = waitingSet(id);
      k = this.keys.id(`${this.keys.name(this.objectKey(w.objectId))}:${w.receivers ? 'receivers' : 'senders'}`);
      this.waitingKey[-id] = k;
      this.swapped.add(k);
    }
    return k;
  }

  private objectKey(id: number): number {
    const k = this.objKey[id];
    if (k !== undefined) return k;
    // Not attributed yet (created outside any step): a name valid in this execution only.
    const fresh = this.keys.id(`?object-${id}`);
    this.objKey[id] = fresh;
    return fresh;
  }

  /** Close the open event: what its step and continuation did, its happens-before clock. */
  private closeCurrent(timerReadyNow: boolean): void {
    const exec = this.exec!;
    const ev = this.cur;
    const n = exec.threads.length;
    if (ev === null) {
      // Before the first step: only main exists.
      for (let r = this.threadsSeen; r < n; r++) this.name(r, r === 0 ? MAIN_NAME : `?thread-${r}`);
      this.threadsSeen = n;
      return;
    }
    this.cur = null;
    const parent = ev.slot === 0 ? TIMER_NAME : this.names[ev.slot - 1]!;
    for (let r = this.threadsSeen; r < n; r++) {
      const c = this.childCount[ev.slot] ?? 0;
      this.childCount[ev.slot] = c + 1;
      const name = `${parent}.${c}`;
      this.name(r, name);
      if (this.full) {
        const k = this.keys.id(createdObject(name));
        this.touch(ev, k, true);
        (this.extra[r + 1] ??= []).push(k);
      }
    }
    this.threadsSeen = n;
    if (!this.full) return;
    const count = exec.objectCount;
    for (let id = this.objectsSeen + 1; id <= count; id++) {
      if (this.objKey[id] !== undefined) continue;
      const c = this.objCount[ev.slot] ?? 0;
      this.objCount[ev.slot] = c + 1;
      this.objKey[id] = this.keys.id(`${parent}#${c}`);
    }
    this.objectsSeen = Math.max(this.objectsSeen, count);
    if (exec.timeReads !== this.timeReadsSeen) {
      this.timeReadsSeen = exec.timeReads;
      this.touch(ev, this.timeKey, false);
    }
    if (exec.opaqueReads !== this.opaqueReadsSeen) {
      this.opaqueReadsSeen = exec.opaqueReads;
      this.touch(ev, this.opaqueKey, false);
    }
    const added = exec.timers.adds;
    const addedTimer = added.length > 0;
    if (addedTimer) {
      for (const ms of added) {
        // Role-swapped: adds "read" it, firings write it. Adds of one deadline commute (ties fire in
        // (creator, seq) order, whatever the order of the adds), but not with a firing at that deadline.
        const k = this.keys.id(deadlineObject(ms));
        this.swapped.add(k);
        this.deadlineKeys.add(k);
        this.touch(ev, k, false);
        if (ev.adds === undefined || ms < ev.adds) ev.adds = ms;
      }
      added.length = 0;
    }
    const queueChanged = exec.timers.version !== this.timerVersionSeen;
    if (queueChanged) {
      this.timerVersionSeen = exec.timers.version;
      if (ev.slot !== 0) this.touch(ev, this.queueKey, false);
    }
    const code = exec.codeTouches;
    if (code.length > 0) {
      for (const x of code) this.touch(ev, this.touchKey(x.id), !x.read);
      code.length = 0;
    }
    if (ev.slot > 0) {
      const t = exec.threads[ev.slot - 1]!;
      // What the step changed that its footprint only read (the case a select took).
      if (this.curOp) for (const x of this.curOp.effect()) this.touch(ev, this.touchKey(x.id), !x.read);
      // Its continuation parked at a new operation: what parking there changed (Op.arrival).
      const next = t.pending;
      if (next !== null && next !== this.curOp && next.parked) for (const x of next.arrival()) this.touch(ev, x.id === 0 ? this.schedKey : this.touchKey(x.id), !x.read);
      if (t.finished) {
        this.touch(ev, this.keys.id(endedObject(parent)), true);
        if (t.isMain) this.touch(ev, this.timeKey, true);
      }
    }
    let woke = false;
    const was = this.wasEnabled;
    const now = this.enabledNow;
    const completed = exec.completedFor;
    for (let r = 0; r < this.threadsAtOpen; r++) {
      if (r + 1 === ev.slot || exec.threads[r]!.finished) continue;
      const done = completed.includes(r);
      if (was[r] === now[r] && !done) continue;
      // Completing another goroutine's wait takes it from every partner that could have completed it.
      if (done) for (const x of exec.threads[r]!.pending?.waitedOn() ?? []) this.touch(ev, this.touchKey(x.id), true);
      const k = this.keys.id(wakeObject(this.names[r]!, this.localCount[r + 1] ?? 0));
      this.swapped.add(k);
      this.touch(ev, k, false);
      (this.extra[r + 1] ??= []).push(k);
      woke = true;
    }
    if (ev.slot === 0) this.timerLost = false;
    else if (this.wasTimerReady && !timerReadyNow) this.timerLost = true;
    // Whether a timer can fire changed: a wake-up edge to the next firing, unless the step stopped a
    // timer (the queue orders it with the next firing) or added one (its deadline's object and events.ts
    // order the add with every firing it could change). An edge there would make two adds that could
    // each have let the first timer fire look dependent, although they commute.
    if (ev.slot !== 0 && this.wasTimerReady !== timerReadyNow && !queueChanged && !addedTimer) {
      const k = this.keys.id(wakeObject(TIMER_NAME, this.localCount[0] ?? 0));
      this.swapped.add(k);
      this.touch(ev, k, false);
      (this.extra[0] ??= []).push(k);
      woke = true;
    }
    if (woke) this.touch(ev, this.schedKey, false);
    this.clockOf(ev, n + 1);
  }

  private name(r: number, name: string): void {
    this.names[r] = name;
    const k = this.keys.id(name);
    this.keyOf[r] = k;
    this.runtimeByKey.set(k, r);
  }

  // ---- happens-before ---------------------------------------------------------------------

  private state(o: number): ObjState {
    const objects = this.objects;
    while (objects.length <= o) objects.push(undefined);
    let s = objects[o];
    if (s === undefined) {
      s = { lastWrite: -1, readsSince: [], idx: [], wrote: [] };
      objects[o] = s;
      this.objectKeys.push(o);
    }
    return s;
  }

  private clockOf(ev: Rec, slots: number): void {
    const c = new Int32Array(Math.max(slots, ev.slot + 1));
    // A late event joins its deadlines' objects last, after keeping what it had without them (`base`:
    // Explorer.judgeLate asks whether anything else orders it after a firing).
    const late = ev.late === true;
    this.joinPast(ev, c, 'clock', (o) => !late || !this.deadlineKeys.has(o));
    if (late) {
      ev.base = c.slice();
      for (let i = 0; i < ev.objs.length; i++) if (this.deadlineKeys.has(ev.objs[i]!)) this.joinObject(ev, i, c, 'clock');
    }
    c[ev.slot] = ev.local + 1;
    ev.clock = c;
    ev.rclock = this.raceClockOf(ev, c.length);
    for (let i = 0; i < ev.objs.length; i++) {
      const s = this.state(ev.objs[i]!);
      if (ev.writes[i]) {
        s.lastWrite = ev.index;
        s.readsSince = [];
      } else {
        s.readsSince.push(ev.index);
      }
      s.idx.push(ev.index);
      s.wrote.push(ev.writes[i]!);
    }
    if (ev.all) this.globals.push(ev.index);
    this.allJoin = joinGrown(this.allJoin, c);
    this.allJoinR = joinGrown(this.allJoinR, ev.rclock);
  }

  /**
   * The event's clock for finding races (`rclock`): happens-before without the orders that only the
   * scheduler's state makes (a yield's parking, which every step "reads"). Those orders say which
   * goroutines a parked yield waits for; they are not a reason for two steps that touch the same
   * object to come in one order. Through them, a step before a goroutine's yield looked ordered
   * before everything another goroutine did after it, so their race was never reversed, and DPOR
   * lost executions (random program 7021 of a sweep: a select with a default, whose default yields).
   * Called before the objects' states take the event in.
   */
  private raceClockOf(ev: Rec, len: number): Int32Array {
    const r = new Int32Array(len);
    this.joinPast(ev, r, 'rclock', (o) => o !== this.schedKey);
    r[ev.slot] = ev.local + 1;
    return r;
  }

  /**
   * Join into `into` the `which` clocks of what `ev` happens after: its goroutine's previous event, the
   * events its objects order it after (those `include` admits), every event when it conflicts with all,
   * and the latest event that conflicts with all. Called before the objects' states take `ev` in.
   */
  private joinPast(ev: Rec, into: Int32Array, which: 'clock' | 'rclock', include: (obj: number) => boolean): void {
    if (ev.prevSame >= 0) joinInto(into, this.events[ev.prevSame]![which]);
    for (let i = 0; i < ev.objs.length; i++) if (include(ev.objs[i]!)) this.joinObject(ev, i, into, which);
    if (ev.all) joinInto(into, which === 'clock' ? this.allJoin : this.allJoinR);
    const g = this.globals.length > 0 ? this.globals[this.globals.length - 1]! : -1;
    if (g >= 0) joinInto(into, this.events[g]![which]);
  }

  /** Join into `into` the `which` clocks of the events `ev`'s touch `i` orders it after (the last write; the reads since, for a write). */
  private joinObject(ev: Rec, i: number, into: Int32Array, which: 'clock' | 'rclock'): void {
    const s = this.state(ev.objs[i]!);
    if (s.lastWrite >= 0) joinInto(into, this.events[s.lastWrite]![which]);
    if (ev.writes[i]) for (const r of s.readsSince) joinInto(into, this.events[r]![which]);
  }

  /** The step running now started a timer late (Strategy.lateTimer): its event keeps a `base` clock. */
  startedLate(): void {
    if (this.cur) this.cur.late = true;
  }

  /**
   * May event `index`, whose step started a timer of `deadline` late (behind a firing of that deadline or
   * later), be dropped as redundant (Explorer.judgeLate)? Only when it could have run just before the
   * first such firing `f` with exactly the past it has: it does not happen after a firing of a deadline
   * ≥ `deadline` by anything but the timers it added itself (its `base` clock, kept for an event marked
   * by startedLate), and every other event it happens after happens before `f` too. Then the execution in
   * which it ran there (its timer started in time) has the same events with the same races, plus the
   * ones it adds itself. Without the second condition dropping it loses executions: an event of its
   * goroutine that came after `f` unordered with it (an atomic add), forced before `f` in that other
   * execution, races there with nothing after `f`, while here it races with a later step (a store after
   * the firing's sleeper woke), and the reversal of that race is an execution nobody else reaches.
   * Slot 0 of a clock counts the firings before the event in happens-before: the first ones of the
   * execution, firings being ordered.
   */
  lateIsRedundant(index: number, deadline: number): boolean {
    const ev = this.events[index]!;
    const c = ev.base ?? ev.clock;
    let firings = c.length > 0 ? c[0]! : 0;
    let first = -1;
    for (let i = 0; i < index; i++) {
      const e = this.events[i]!;
      if (e.slot !== 0) continue;
      if (e.fires !== undefined && e.fires >= deadline) {
        // Ordered after such a firing by something else: it could not have run before it.
        if (firings > 0) return false;
        // The first such firing it is not ordered after (its past's firings all came before it).
        first = i;
        break;
      }
      if (firings > 0) firings--;
    }
    if (first < 0) return false;
    const f = this.events[first]!.clock;
    for (let slot = 0; slot < c.length; slot++) {
      const mine = slot === ev.slot ? c[slot]! - 1 : c[slot]!;
      if (mine > (slot < f.length ? f[slot]! : 0)) return false;
    }
    return true;
  }

  /** Does event `later` happen after (or is it) event `i`, as races see it (rclock: without the scheduler's state's orders)? */
  hbAfter(later: number, i: number): boolean {
    const e = this.events[i]!;
    const c = this.events[later]!.rclock;
    return e.slot < c.length && c[e.slot]! >= e.local + 1;
  }

  /** Does event `i` happen before (or is it) event `j` (j may be -1: nothing)? */
  private hbBefore(i: number, j: number): boolean {
    return j >= 0 && this.hbAfter(j, i);
  }

  // ---- races ------------------------------------------------------------------------------

  /**
   * The events `e'` may be reversed with: earlier events of other slots that conflict with it and do
   * not happen before the previous event of its slot. Unlike the classic "immediate" races this keeps
   * the ones ordered with e' only through other conflicting events (a lock, then the unlock the other
   * lock waited for): with blocking operations the immediate race (unlock, lock) cannot be reversed,
   * the earlier one (lock, lock) can. `feasible` weeds out the ones that cannot.
   */
  candidates(e: Rec): number[] {
    const out: number[] = [];
    const j = e.index;
    const p = e.prevSame;
    if (e.all) {
      for (let i = 0; i < Math.min(j, this.events.length); i++) {
        const x = this.events[i]!;
        if (x.slot !== e.slot && !this.hbBefore(i, p)) out.push(i);
      }
      return out;
    }
    if (this.mark.length < this.events.length) this.mark = new Uint32Array(this.events.length * 2);
    const stamp = ++this.stamp;
    const mark = this.mark;
    const add = (i: number) => {
      if (mark[i] === stamp) return;
      mark[i] = stamp;
      out.push(i);
    };
    for (let k = 0; k < e.objs.length; k++) {
      const s = this.objects[e.objs[k]!];
      if (!s) continue;
      const write = e.writes[k]!;
      for (let m = s.idx.length - 1; m >= 0; m--) {
        const i = s.idx[m]!;
        if (i >= j) continue;
        if (this.events[i]!.slot === e.slot) continue;
        const w = s.wrote[m]!;
        if (!write && !w) continue;
        if (this.hbBefore(i, p)) {
          if (w) break;
          continue;
        }
        add(i);
      }
    }
    for (const g of this.globals) {
      if (g < j && this.events[g]!.slot !== e.slot && !this.hbBefore(g, p)) add(g);
    }
    return out.length > 1 ? out.sort((a, b) => a - b) : out;
  }

  /**
   * Could `e` run right after pre(E, i).notdep(i)? Each object `e` touches is then in the state it had
   * in this execution just before the first event touching it that happens after event i (or before e
   * itself). When that is one state, e's goroutine was waiting on this very step then, and it could
   * not run in it, the answer is no; otherwise we cannot tell and say yes (the explorer abandons the
   * execution if it turns out it cannot).
   */
  feasible(i: number, e: Rec): boolean {
    if (e.all) return true;
    const j = e.index;
    let at = -1;
    const ei = this.events[i]!;
    // Whether a step can run depends on what it touches before it runs, not on what it then does.
    for (let k = 0; k < e.pre; k++) {
      const o = e.objs[k]!;
      // A role-swapped object's state changes with its "reads" too, and those commute with each other:
      // one that does not happen after i runs before e in notdep(i).e, in a state this execution never
      // had, so whether e can run then is unknown.
      if (this.swapped.has(o) && this.touchedUnordered(o, i, j)) return true;
      let jo: number;
      if (ei.objs.includes(o) || ei.all) {
        jo = i;
      } else {
        jo = j;
        const s = this.objects[o];
        if (s) {
          for (const x of s.idx) {
            if (x <= i) continue;
            if (x >= j) break;
            if (this.hbAfter(x, i)) {
              jo = x;
              break;
            }
          }
        }
      }
      if (at === -1) at = jo;
      else if (at !== jo) return true;
    }
    if (at < 0 || at <= e.prevSame) return true;
    const enabled = this.enabledAt[at];
    return enabled === undefined || enabled.includes(e.slot);
  }

  /** Is object `o` touched by an event strictly between i and j that does not happen after event i? */
  private touchedUnordered(o: number, i: number, j: number): boolean {
    const s = this.objects[o];
    if (!s) return false;
    for (const x of s.idx) {
      if (x <= i) continue;
      if (x >= j) break;
      if (!this.hbAfter(x, i)) return true;
    }
    return false;
  }

  /**
   * The events after event i that do not happen after it, in order, as steps (stepOf): the explorer
   * keeps them in its wakeup trees, which outlive this execution.
   */
  notdep(i: number): Ev[] {
    // The same for every race of event i (and an event often races with several later ones): made once
    // per execution; each caller gets its own copy to extend.
    let out = this.notdeps[i];
    if (out === undefined) {
      out = [];
      for (let m = i + 1; m < this.events.length; m++) if (!this.hbAfter(m, i)) out.push(stepOf(this.events[m]!));
      this.notdeps[i] = out;
    }
    return out.slice();
  }
}
