/**
 * Go's select over send and receive cases, with an optional default.
 *
 * A select is enabled when one of its cases is ready (primitives/go/channel.ts says when, for the
 * unbuffered hand-offs it takes itself), when it has a default, or once a partner completed it.
 * Its step polls every send case on a non-nil channel, a read of that channel for the race
 * detector (Go's selectgo calls racereadpc for each send case it polls, in a random order, so any of
 * them may be read on some run); which ready case runs is a recorded scheduling choice, like Go's
 * pseudo-random pick, so the explorer and a replay see it; with none ready, default runs. A select
 * without a default takes no step while it waits: it parks on the cases of its unbuffered channels,
 * where a partner can complete it (it then finishes in its next step). A select with no case that
 * can ever proceed (no cases, or only nil channels) blocks forever.
 * Send values are computed by the caller (`ch.sendCase(v)`), before the select can block.
 */
import { SimPanic, ScenarioError } from '../../runtime/errors.js';
import type { Execution } from '../../runtime/execution.js';
import { currentExecution } from '../../runtime/current.js';
import { NO_TOUCH, receiversWaitingOn, sendersWaitingOn, type Touch } from '../../runtime/op.js';
import { YieldOp } from '../../runtime/yield.js';
import { Channel, ChanOp, short, type SelectCase } from './channel.js';

export interface SelectResult<T = unknown> {
  /** The case that ran, or −1 for default. */
  index: number;
  /** For a receive case: the value received (undefined when the channel was closed and drained). */
  value: T | undefined;
  /** For a receive case: false when the channel was closed and drained. */
  ok: boolean;
}

class SelectOp extends ChanOp<SelectResult> {
  readonly obj = null;
  readonly kind = 'select';
  private result: SelectResult | null = null;

  constructor(
    exec: Execution,
    private readonly cases: readonly SelectCase[],
    private readonly hasDefault: boolean,
  ) {
    super(exec);
  }

  private ready(c: SelectCase): boolean {
    return c.dir === 'send' ? c.ch.canSend(this) : c.ch.canRecvCase(this);
  }

  override get takesFromSenders(): boolean {
    return this.hasDefault;
  }

  override enabled(): boolean {
    return this.woken || this.hasDefault || this.cases.some((c) => this.ready(c));
  }

  /** Which cases could run now (bit i for case i, cases past 29 share bit 30; bit 31 once completed by a partner). */
  override readySet(): number {
    if (this.woken) return 1 << 31;
    let set = 0;
    this.cases.forEach((c, i) => {
      if (this.ready(c)) set |= 1 << Math.min(i, 30);
    });
    return set;
  }

  /**
   * Without a default, a select waits: it parks on every case of its unbuffered channels, where a
   * sender (receive cases) or a select with a default (send cases) can complete it. With a default it
   * never waits, so it parks nowhere.
   */
  override arrive(): void {
    if (this.hasDefault) return;
    this.cases.forEach((c, i) => {
      if (!c.ch.rendezvous) return;
      if (c.dir === 'recv') c.ch.parkReceiver({ op: this as ChanOp<unknown>, caseIndex: i });
      else c.ch.parkSender({ op: this as ChanOp<unknown>, caseIndex: i, value: c.value });
    });
  }

  /** As a plain receive or send for each case: a read of the set of parked receives or sends. */
  override arrival(): readonly Touch[] {
    if (this.hasDefault) return NO_TOUCH;
    const out: Touch[] = [];
    for (const c of this.cases) {
      if (!c.ch.rendezvous) continue;
      out.push({ id: c.dir === 'recv' ? receiversWaitingOn(c.ch.id) : sendersWaitingOn(c.ch.id), read: true });
    }
    return out;
  }

  step(): boolean {
    if (this.woken) {
      const c = this.cases[this.wokenCase]!;
      if (c.dir === 'send') return this.finish({ index: this.wokenCase, value: undefined, ok: true });
      return this.finish({ index: this.wokenCase, value: this.got, ok: true });
    }
    const t = this.thread;
    for (const c of this.cases) {
      if (c.ch.isNil) continue;
      c.ch.use(t);
      if (c.dir === 'send' && !c.ch.checkRead(t, this.at)) return this.finish({ index: -1, value: undefined, ok: false });
    }
    this.readDone = true;
    const ready: number[] = [];
    this.cases.forEach((c, i) => {
      if (this.ready(c)) ready.push(i);
    });
    if (ready.length === 0) return this.finish({ index: -1, value: undefined, ok: false });
    const i = ready[ready.length > 1 ? this.exec.choose('select', ready.length) : 0]!;
    const c = this.cases[i]!;
    const ch = c.ch;
    if (c.dir === 'send') {
      if (ch.closed) throw new SimPanic('send-on-closed-channel', 'send on closed channel');
      if (ch.capacity > 0) ch.push(t, c.value);
      else ch.handOff(t, ch.chooseReceiver(this)!, c.value);
      return this.finish({ index: i, value: undefined, ok: true });
    }
    if (ch.capacity > 0 || ch.closed) {
      const r = ch.take(t);
      return this.finish({ index: i, value: r.value, ok: r.ok });
    }
    const senders = ch.sendersFor(this);
    const s = senders[senders.length > 1 ? this.exec.choose('sender', senders.length) : 0]!;
    const got = ch.takeFrom(t, s);
    return this.finish({ index: i, value: got?.value, ok: got !== undefined });
  }

  private finish(r: SelectResult): true {
    this.result = r;
    return this.complete(r);
  }

  /**
   * The case it took, unless a partner completed it (the partner's step did the transfer): written,
   * except a receive of the close, which changes nothing (only reads that the channel is closed).
   */
  override effect(): readonly Touch[] {
    const r = this.result;
    if (this.woken || r === null || r.index < 0) return NO_TOUCH;
    const c = this.cases[r.index]!;
    return [{ id: c.ch.id, read: c.dir === 'recv' && !r.ok }];
  }

  describe(): string {
    if (this.cases.length === 0) return this.hasDefault ? 'select (default)' : 'select with no cases';
    const parts = this.cases.map((c) => (c.dir === 'send' ? `send on ${c.ch.label}` : `receive from ${c.ch.label}`));
    return `select (${parts.join(', ')}${this.hasDefault ? ', default' : ''})`;
  }

  override traced(): string {
    const r = this.result;
    if (!r) return `select: blocks on ${this.cases.length} case(s)`;
    if (r.index < 0) return 'select: default';
    const c = this.cases[r.index]!;
    if (c.dir === 'send') return `select case ${r.index}: send on ${c.ch.label}`;
    return `select case ${r.index}: receive from ${c.ch.label} → ${r.ok ? short(r.value) : 'closed'}`;
  }

  override explain(): string[] {
    if (this.cases.length === 0) return ['a select with no cases blocks forever'];
    return [...new Set(this.cases.map((c) => c.ch))].map((ch) => ch.otherEnds(this.thread));
  }

  /** Every channel of its cases: a sender or a timer completing one case takes the select from all of them. */
  override waitedOn(): readonly Touch[] {
    return [...new Set(this.cases.filter((c) => !c.ch.isNil).map((c) => c.ch.id))].map((id) => ({ id, read: false }));
  }

  /**
   * Every channel of its cases, read (polling a case does not change its channel; the case it takes is
   * written, see `effect`), and for its unbuffered channels the sets of parked partners: a send case
   * may take a parked receive (a write); with a default a receive case may take a parked send (a
   * write); without one, its step ends its own waits there (a read, as its parking was). Once
   * completed by a partner: nothing.
   */
  override footprint(): readonly Touch[] {
    if (this.woken) return NO_TOUCH;
    const out: Touch[] = [...new Set(this.cases.map((c) => c.ch.id))].map((id) => ({ id, read: true }));
    for (const c of this.cases) {
      if (!c.ch.rendezvous) continue;
      const id = c.ch.id;
      if (c.dir === 'send') {
        out.push({ id: receiversWaitingOn(id), read: false });
        if (!this.hasDefault) out.push({ id: sendersWaitingOn(id), read: true });
      } else {
        out.push(this.hasDefault ? { id: sendersWaitingOn(id), read: false } : { id: receiversWaitingOn(id), read: true });
      }
    }
    return out;
  }
}

/** The element type of a select's cases (a union over channels of different types). */
type CaseValue<C> = C extends SelectCase<infer T> ? T : never;

/**
 * Go's select statement: `select([a.recvCase(), b.sendCase(v)], { default: true })`.
 * Resolves to the case that ran (`index`, −1 for default) and, for a receive, `value` and `ok`;
 * `value` is typed as the union of the cases' element types.
 */
export function select<C extends readonly SelectCase<any>[]>(cases: C, opts: { default?: boolean } = {}): Promise<SelectResult<CaseValue<C[number]>>> {
  const exec = currentExecution('select()');
  if (!Array.isArray(cases)) throw new ScenarioError('select(cases, opts): cases must be an array of ch.recvCase() / ch.sendCase(v)');
  for (const c of cases) {
    if (!c || typeof c !== 'object' || !(c.ch instanceof Channel) || (c.dir !== 'recv' && c.dir !== 'send')) {
      throw new ScenarioError('select: every case must come from ch.recvCase() or ch.sendCase(v)');
    }
    if (c.ch.exec !== exec) throw new ScenarioError('select: a case uses a channel of another execution (create channels inside the scenario body)');
  }
  if (opts === null || typeof opts !== 'object') throw new ScenarioError('select(cases, opts): opts must be an object like { default: true }');
  const op = new SelectOp(exec, cases, opts.default === true);
  if (opts.default !== true) return op as unknown as Promise<SelectResult<CaseValue<C[number]>>>;
  return giveWayAfterDefault(exec, op) as Promise<SelectResult<CaseValue<C[number]>>>;
}

/**
 * A select that finds no case ready and takes its default then yields (runtime/yield.ts), as a
 * polling loop on a real machine lets the goroutines it polls for run: a poll that found nothing is
 * scheduled fairly, so a loop `for { select { case <-stop: return; default: } }` can only poll as
 * often as the others make progress and an exhaustive search ends (CHESS treats a spin loop's
 * yields the same way). `await op` calls `then` in a later microtask, exactly as awaiting the op
 * itself does, so a select that is not awaited is still reported as such.
 */
async function giveWayAfterDefault(exec: Execution, op: SelectOp): Promise<SelectResult> {
  const r = await op;
  if (r.index < 0) await new YieldOp(exec);
  return r;
}

export { SelectOp };
