/**
 * Go's select cases as Selectables (core/selectable.ts): a receive from, or a send on, one channel,
 * driven by a select (primitives/go/select.ts SelectOp, the case's ChanOp). The select is a driver over
 * a list of them plus an optional default, as tokio's select is over its branches.
 *
 * The protocol, for a case i of select `op` on channel `ch` (channel.ts says when each is ready):
 * - `begin(op)`: a select without a default waits, so it parks every case at its arrival (Op.arrive, no
 *   step): on an unbuffered channel the case joins the parked receives or sends as case i, where a
 *   partner's step can complete the select (ChanOp.wake). Buffered or nil: nothing to register.
 *   `arrival()`: a read of that parked set (parkings commute; only takers write it). A select with a
 *   default never waits and never begins its cases.
 * - `ready()`: canRecvCase / canSend for `op` (its own parked entries excluded).
 * - `poll(t)` (Go's own member): the select's step polls every non-nil case before choosing: the channel
 *   learns of its user, and a send case is a read of its channel for the race detector (Go's selectgo
 *   calls racereadpc for each send case); false when that read raced.
 * - `take(op)`: the transfer (Channel.sendReady / recvReady, the same code a plain send or receive runs).
 * - `delivered(v)` (Go's own member): a partner completed this case (its step did the transfer).
 * - `cancel(op)`: the case lost (or the select gave up): its parked entry leaves the channel.
 * - `touches()`: its channel, read (polling does not change it; `effect` says what a take wrote), then
 *   `queueTouches()`, the parked sets its step may use: a send case may hand to a parked receive (a
 *   write); with a default a receive case may take a parked send (a write); without one, its step ends
 *   its own wait there (a read, as its parking was).
 *
 * A plain send or receive (channel.ts SendOp, RecvOp) is not driven through a case: it runs the same
 * transfer (Channel.sendReady / recvReady) but keeps its own footprint, which writes its channel up
 * front where a case reads it and declares the write afterwards (Op.effect): the explorers record the
 * two differently (scheduler/trace.ts: what a step touches known before it runs, and what it did), and
 * the explored executions must stay exactly as they are. It also spares the hottest operations of the
 * Go flavour a case object each.
 */
import { NO_TOUCH, receiversWaitingOn, sendersWaitingOn, type Touch } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import type { Selectable } from '../core/selectable.js';
import { short, type Channel, type ChanOp, type Parked, type SelectCase } from './channel.js';

/** What a case gives its select: for a receive, the value and whether it came from a send (false: the close). */
export interface CaseOutcome {
  readonly value: unknown;
  readonly ok: boolean;
}

const SENT: CaseOutcome = Object.freeze({ value: undefined, ok: true });

/** One case of a Go select (a Selectable driven by the select's ChanOp). */
export abstract class ChanCase implements Selectable<CaseOutcome, ChanOp<unknown>> {
  abstract readonly kind: 'recv' | 'send';
  /** Its entry in the channel's parked receives or sends, while it is parked there. */
  protected parked: Parked | null = null;
  /** How its last step ended (for the timeline), or null. */
  protected outcome: CaseOutcome | null = null;
  /** Its touches, made once: its channel and its waits do not change. */
  private fp: readonly Touch[] | null = null;

  constructor(
    /** The select that drives it. */
    protected readonly op: ChanOp<unknown>,
    /** Its index among the select's cases (the parked entry's caseIndex, ChanOp.wake's argument). */
    protected readonly index: number,
    readonly obj: Channel<unknown>,
    /** Its select has no default: it parks and waits (begin); with a default it is only polled. */
    protected readonly waits: boolean,
  ) {}

  abstract ready(): boolean;
  abstract take(op: ChanOp<unknown>): CaseOutcome;
  /** The parked sets of its channel its select's step may use (see the header). */
  abstract queueTouches(): readonly Touch[];
  /** The parked set it joins at its select's arrival (read: parkings commute). */
  protected abstract parkedSet(): number;
  protected abstract park(): Parked;

  begin(_op: ChanOp<unknown>): void {
    if (!this.obj.rendezvous) return;
    this.parked = this.park();
  }

  arrival(): readonly Touch[] {
    return this.obj.rendezvous ? [{ id: this.parkedSet(), read: true }] : NO_TOUCH;
  }

  /** The select's step polls it (see the header); false when a send case's read of its channel raced. */
  poll(t: Thread): boolean {
    if (this.obj.isNil) return true;
    this.obj.use(t);
    return this.kind === 'recv' || this.obj.checkRead(t, this.op.at);
  }

  /** A partner's step completed this case with `value` (a receive) or took its send. */
  delivered(value: unknown): CaseOutcome {
    return (this.outcome = this.kind === 'send' ? SENT : { value, ok: true });
  }

  cancel(_op: ChanOp<unknown>): void {
    if (this.parked === null) return;
    this.obj.unpark(this.parked);
    this.parked = null;
  }

  touches(): readonly Touch[] {
    return (this.fp ??= [{ id: this.obj.id, read: true }, ...this.queueTouches()]);
  }

  /** What its take changed that `touches` only read: its channel, unless it received the close (a read). */
  effect(ok: boolean): readonly Touch[] {
    return [{ id: this.obj.id, read: this.kind === 'recv' && !ok }];
  }

  abstract describe(): string;

  traced(): string {
    return this.describe();
  }

  explain(): string[] {
    return [this.obj.otherEnds(this.op.thread)];
  }
}

class RecvCase extends ChanCase {
  readonly kind = 'recv' as const;
  ready(): boolean {
    return this.obj.canRecvCase(this.op);
  }
  take(op: ChanOp<unknown>): CaseOutcome {
    return (this.outcome = this.obj.recvReady(op.thread, op));
  }
  queueTouches(): readonly Touch[] {
    if (!this.obj.rendezvous) return NO_TOUCH;
    const id = this.obj.id;
    return [this.waits ? { id: receiversWaitingOn(id), read: true } : { id: sendersWaitingOn(id), read: false }];
  }
  protected parkedSet(): number {
    return receiversWaitingOn(this.obj.id);
  }
  protected park(): Parked {
    const p: Parked = { op: this.op, caseIndex: this.index };
    this.obj.parkReceiver(p);
    return p;
  }
  describe(): string {
    return `receive from ${this.obj.label}`;
  }
  override traced(): string {
    const r = this.outcome;
    return r === null ? this.describe() : `receive from ${this.obj.label} → ${r.ok ? short(r.value) : 'closed'}`;
  }
}

class SendCase extends ChanCase {
  readonly kind = 'send' as const;
  constructor(
    op: ChanOp<unknown>,
    index: number,
    obj: Channel<unknown>,
    waits: boolean,
    /** Computed by the caller before the select could block (`ch.sendCase(v)`). */
    private readonly value: unknown,
  ) {
    super(op, index, obj, waits);
  }
  ready(): boolean {
    return this.obj.canSend(this.op);
  }
  take(op: ChanOp<unknown>): CaseOutcome {
    this.obj.sendReady(op.thread, op, this.value);
    return (this.outcome = SENT);
  }
  queueTouches(): readonly Touch[] {
    if (!this.obj.rendezvous) return NO_TOUCH;
    const id = this.obj.id;
    const out: Touch[] = [{ id: receiversWaitingOn(id), read: false }];
    if (this.waits) out.push({ id: sendersWaitingOn(id), read: true });
    return out;
  }
  protected parkedSet(): number {
    return sendersWaitingOn(this.obj.id);
  }
  protected park(): Parked {
    const p: Parked = { op: this.op, caseIndex: this.index, value: this.value };
    this.obj.parkSender(p);
    return p;
  }
  describe(): string {
    return `send on ${this.obj.label}`;
  }
}

/** Case `index` of select `op` (which waits unless it has a default), from the scenario's `ch.recvCase()` / `ch.sendCase(v)`. */
export function bindCase(op: ChanOp<unknown>, index: number, c: SelectCase, waits: boolean): ChanCase {
  return c.dir === 'recv' ? new RecvCase(op, index, c.ch, waits) : new SendCase(op, index, c.ch, waits, c.value);
}
