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
import { ScenarioError } from '../../runtime/errors.js';
import type { Execution } from '../../runtime/execution.js';
import { currentExecution } from '../../runtime/current.js';
import { NO_TOUCH, type Touch } from '../../runtime/op.js';
import { YieldOp } from '../../runtime/yield.js';
import { Channel, ChanOp, type SelectCase } from './channel.js';
import { bindCase, type ChanCase } from './select-cases.js';

export interface SelectResult<T = unknown> {
  /** The case that ran, or −1 for default. */
  index: number;
  /** For a receive case: the value received (undefined when the channel was closed and drained). */
  value: T | undefined;
  /** For a receive case: false when the channel was closed and drained. */
  ok: boolean;
}

/**
 * A select: the driver of its cases (select-cases.ts, the Selectable protocol of core/selectable.ts),
 * with an optional default. Without a default it begins (parks) every case at its arrival and waits;
 * its own step takes one ready case and cancels the others; a partner's step may complete one case
 * instead (ChanOp.wake), and then its next step only returns that case's value and cancels the rest.
 */
class SelectOp extends ChanOp<SelectResult> {
  readonly obj = null;
  readonly kind = 'select';
  private result: SelectResult | null = null;
  private readonly cases: readonly ChanCase[];
  /** Its footprint while not woken, made once (its cases' touches do not change). */
  private fp: readonly Touch[] | null = null;

  constructor(
    exec: Execution,
    cases: readonly SelectCase[],
    private readonly hasDefault: boolean,
  ) {
    super(exec);
    this.cases = cases.map((c, i) => bindCase(this as ChanOp<unknown>, i, c, !hasDefault));
  }

  override get takesFromSenders(): boolean {
    return this.hasDefault;
  }

  override enabled(): boolean {
    return this.woken || this.hasDefault || this.cases.some((c) => c.ready());
  }

  /** Which cases could run now (bit i for case i, cases past 29 share bit 30; bit 31 once completed by a partner). */
  override readySet(): number {
    if (this.woken) return 1 << 31;
    let set = 0;
    this.cases.forEach((c, i) => {
      if (c.ready()) set |= 1 << Math.min(i, 30);
    });
    return set;
  }

  /**
   * Without a default, a select waits: it begins every case, which parks it on the case's unbuffered
   * channel, where a sender (receive cases) or a select with a default (send cases) can complete it.
   * With a default it never waits, so it parks nowhere.
   */
  override arrive(): void {
    if (this.hasDefault) return;
    for (const c of this.cases) c.begin(this as ChanOp<unknown>);
  }

  /** As a plain receive or send for each case: a read of the set of parked receives or sends. */
  override arrival(): readonly Touch[] {
    if (this.hasDefault) return NO_TOUCH;
    const out: Touch[] = [];
    for (const c of this.cases) for (const x of c.arrival()) out.push(x);
    return out;
  }

  step(): boolean {
    const self = this as ChanOp<unknown>;
    if (this.woken) {
      const i = this.wokenCase;
      this.cancelAllBut(i);
      return this.finish({ index: i, ...this.cases[i]!.delivered(this.got) });
    }
    const t = this.thread;
    for (const c of this.cases) {
      if (!c.poll(t)) {
        this.cancelAllBut(-1);
        return this.finish({ index: -1, value: undefined, ok: false });
      }
    }
    this.readDone = true;
    const ready: number[] = [];
    this.cases.forEach((c, i) => {
      if (c.ready()) ready.push(i);
    });
    if (ready.length === 0) return this.finish({ index: -1, value: undefined, ok: false });
    const i = ready[ready.length > 1 ? this.exec.choose('select', ready.length) : 0]!;
    // The losers leave first: their parked entries are this select's own, which no take of it looks at
    // (receiversFor/sendersFor exclude `self`), and a take that panics (a send on a closed channel)
    // then leaves nothing behind.
    this.cancelAllBut(i);
    const r = this.cases[i]!.take(self);
    return this.finish({ index: i, value: r.value, ok: r.ok });
  }

  /** Cancel every case but `winner` (−1: all): they leave the channels they parked at. */
  private cancelAllBut(winner: number): void {
    if (this.hasDefault) return; // never begun
    this.cases.forEach((c, j) => {
      if (j !== winner) c.cancel(this as ChanOp<unknown>);
    });
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
    return this.cases[r.index]!.effect(r.ok);
  }

  /** Not run yet: it may take any of its cases. */
  override mayEffect(): readonly Touch[] {
    if (this.woken) return NO_TOUCH;
    const out: Touch[] = [];
    for (const c of this.cases) for (const x of c.effect(true)) out.push(x);
    return out;
  }

  describe(): string {
    if (this.cases.length === 0) return this.hasDefault ? 'select (default)' : 'select with no cases';
    return `select (${this.cases.map((c) => c.describe()).join(', ')}${this.hasDefault ? ', default' : ''})`;
  }

  override traced(): string {
    const r = this.result;
    if (!r) return `select: blocks on ${this.cases.length} case(s)`;
    if (r.index < 0) return 'select: default';
    const c = this.cases[r.index]!;
    return `select case ${r.index}: ${c.traced()}`;
  }

  /** Who else could complete it: each channel of its cases once (two cases on one channel say the same). */
  override explain(): string[] {
    if (this.cases.length === 0) return ['a select with no cases blocks forever'];
    return this.byChannel().flatMap((c) => c.explain());
  }

  /** Every channel of its cases: a sender or a timer completing one case takes the select from all of them. */
  override waitedOn(): readonly Touch[] {
    return this.byChannel()
      .filter((c) => !c.obj.isNil)
      .map((c) => ({ id: c.obj.id, read: false }));
  }

  /** The first case on each channel, in case order. */
  private byChannel(): ChanCase[] {
    const seen = new Set<Channel<unknown>>();
    const out: ChanCase[] = [];
    for (const c of this.cases) {
      if (seen.has(c.obj)) continue;
      seen.add(c.obj);
      out.push(c);
    }
    return out;
  }

  /**
   * The union of its cases' touches (select-cases.ts): every channel of its cases, read (polling a case
   * does not change its channel; the case it takes is written, see `effect`), then each case's parked
   * sets (ChanCase.queueTouches), in that order. Once completed by a partner, the same: its step then
   * only returns what the partner gave, but it could have taken another ready case in the partner's
   * stead, so it still races with every take on its channels. With no touches, a select that a send
   * completed looked independent of the step that had taken a value it could have taken from another
   * of its channels, and the order in which it took that value was lost (random programs 7001 and 8037
   * of a sweep: missing outcomes).
   */
  override footprint(): readonly Touch[] {
    if (this.fp !== null) return this.fp;
    const out: Touch[] = this.byChannel().map((c) => ({ id: c.obj.id, read: true }));
    for (const c of this.cases) for (const x of c.queueTouches()) out.push(x);
    return (this.fp = out);
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
