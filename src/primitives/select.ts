/**
 * Go's select over send and receive cases, with an optional default.
 *
 * First step: every send case on a non-nil channel is polled, a read of that channel for the race
 * detector (Go's selectgo calls racereadpc for each send case it polls, in a random order, so any of
 * them may be read on some run). The cases that can proceed now are the ready ones (a nil
 * channel's case never is); which ready case runs is a recorded scheduling choice, like Go's
 * pseudo-random pick, so the explorer and a replay see it. With none ready, default runs if there
 * is one; otherwise the select queues on every channel and blocks until one partner completes it
 * (it then leaves every other queue at once), and it finishes in its next step. A select with no
 * case that can ever proceed (no cases, or only nil channels) blocks forever.
 * Send values are computed by the caller (`ch.sendCase(v)`), before the select can block.
 */
import { GoPanic, ScenarioError } from '../runtime/errors.js';
import type { Execution } from '../runtime/execution.js';
import { currentExecution } from '../runtime/current.js';
import type { Touch } from '../runtime/op.js';
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
  readonly access = 'select';
  private result: SelectResult | null = null;

  constructor(
    exec: Execution,
    private readonly cases: readonly SelectCase[],
    private readonly hasDefault: boolean,
  ) {
    super(exec);
  }

  override enabled(): boolean {
    if (this.blocked) return this.woken;
    return this.hasDefault || this.cases.some((c) => !c.ch.isNil);
  }

  step(): boolean {
    if (this.blocked) {
      const c = this.cases[this.wokenCase]!;
      if (c.dir === 'send') {
        if (this.how === 'closed') throw new GoPanic('send-on-closed-channel', 'send on closed channel');
        return this.finish({ index: this.wokenCase, value: undefined, ok: true });
      }
      const closed = this.how === 'closed';
      return this.finish({ index: this.wokenCase, value: closed ? undefined : this.got, ok: !closed });
    }
    const t = this.thread;
    for (const c of this.cases) {
      if (c.ch.isNil) continue;
      c.ch.use(t);
      if (c.dir === 'send' && !c.ch.checkRead(t, this.at)) return this.finish({ index: -1, value: undefined, ok: false });
    }
    const ready: number[] = [];
    this.cases.forEach((c, i) => {
      if (c.dir === 'send' ? c.ch.canSend() : c.ch.canRecv()) ready.push(i);
    });
    if (ready.length > 0) {
      const i = ready[ready.length > 1 ? this.exec.choose('select', ready.length) : 0]!;
      const c = this.cases[i]!;
      if (c.dir === 'send') {
        c.ch.sendNow(t, c.value);
        return this.finish({ index: i, value: undefined, ok: true });
      }
      const r = c.ch.recvNow(t);
      return this.finish({ index: i, value: r.value, ok: r.ok });
    }
    if (this.hasDefault) return this.finish({ index: -1, value: undefined, ok: false });
    this.cases.forEach((c, i) => {
      if (c.ch.isNil) return;
      if (c.dir === 'send') c.ch.enqueue('send', { op: this, caseIndex: i, value: c.value });
      else c.ch.enqueue('recv', { op: this, caseIndex: i });
    });
    this.blocked = true;
    return false;
  }

  /** Completed by a partner on one case: leave every other queue. */
  override wake(caseIndex: number, how: 'value' | 'sent' | 'closed', value?: unknown): void {
    super.wake(caseIndex, how, value);
    for (const c of this.cases) if (!c.ch.isNil) c.ch.dequeue(this);
  }

  private finish(r: SelectResult): true {
    this.result = r;
    return this.complete(r);
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

  /** Every channel of its cases (a select reads or writes each of them). */
  override footprint(): readonly Touch[] {
    return [...new Set(this.cases.map((c) => c.ch.id))].map((id) => ({ id, read: false }));
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
  return new SelectOp(exec, cases, opts.default === true) as unknown as Promise<SelectResult<CaseValue<C[number]>>>;
}

export { SelectOp };
