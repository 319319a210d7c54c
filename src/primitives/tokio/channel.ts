/**
 * What tokio's channels (mpsc.ts, oneshot.ts, broadcast.ts, watch.ts) share: the owned values a message
 * moves, how reports name the holder of a channel end and what it is doing, and small helpers for the
 * synchronous operations (tokio's `try_send`, `try_recv`, oneshot/broadcast/watch `send`, `clone`,
 * `subscribe`): they run in the calling task's code, so they tell the explorers what they read or changed
 * (`exec.noteTouch`) and wake the waiters of the object they changed (`exec.touched`).
 */
import { currentExecution } from '../../runtime/current.js';
import type { Execution } from '../../runtime/execution.js';
import type { Thread } from '../../runtime/thread.js';
import { Op, type SimObjectRef, type Touch } from '../../runtime/op.js';
import { isOwned, ownerOf, transferOwnership, type DropContext } from '../rust/ownership.js';

/** The owned values (a Sender, a JoinHandle, a oneshot Sender…) a message carries: the message, or the owned elements of an array or plain object. */
export function ownedParts(v: unknown): object[] {
  if (typeof v !== 'object' || v === null) return [];
  if (isOwned(v)) return [v];
  const proto = Object.getPrototypeOf(v) as unknown;
  if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return [];
  return Object.values(v as object).filter((x): x is object => isOwned(x));
}

/**
 * A message moves into a channel (`to` null: in transit) or out of it to the receiving task. `via` is
 * the channel, whose label is made only when an owned value moves (a plain value costs nothing: this
 * runs at every send and receive).
 */
export function moveMessage(value: unknown, to: Thread | null, via: { readonly label: string }): void {
  if (typeof value !== 'object' || value === null) return;
  for (const p of ownedParts(value)) transferOwnership(p, to, via.label);
}

/** What a task is doing, for reports about a channel `self` waits on. */
export function doing(exec: Execution, u: Thread, self: Thread): string {
  if (u === self) return 'itself';
  if (u.finished) return 'finished';
  const p = u.pending;
  if (p !== null && u !== exec.running && !p.enabled()) return `which waits in ${p.describe()}`;
  // Its step could run, but no worker is free for it (primitives/tokio/workers.ts).
  if (p !== null && u !== exec.running && !u.admitted()) return `which cannot run: ${u.gate!.why(u)}`;
  return 'which is running';
}

/** "held by 'main' (which waits in join of task 'consumer')", for a set of live handles. */
export function holders(exec: Execution, handles: Iterable<object>, self: Thread): { text: string; threads: Thread[] } {
  const by = new Map<Thread | null, number>();
  for (const s of handles) {
    const o = ownerOf(s);
    by.set(o, (by.get(o) ?? 0) + 1);
  }
  const parts = [...by].map(([u, k]) => `${u ? `'${u.name}'${u === self ? ' itself' : `, ${doing(exec, u, self)}`}` : 'a message in transit (in a channel)'}${k > 1 ? ` (×${k})` : ''}`);
  return { text: parts.join('; '), threads: [...by.keys()].filter((u): u is Thread => u !== null) };
}

/** The one thread holding every handle in `handles`, other than `self` (a wait-for edge), or null. */
export function soleHolder(handles: Iterable<object>, self: Thread): Thread | null {
  let one: Thread | null = null;
  for (const s of handles) {
    const o = ownerOf(s);
    if (o === null || o === self) return null;
    if (one !== null && one !== o) return null;
    one = o;
  }
  return one;
}

/** A synchronous operation in task code: the running execution and thread, with a touch noted. */
export function syncOp(what: string, id: number, read: boolean): { exec: Execution; t: Thread | null } {
  const exec = currentExecution(what);
  exec.noteTouch(id, read);
  return { exec, t: exec.running };
}

export function short(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 30 ? v.slice(0, 30) + '…' : v);
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? `[${v.length} items]` : '{…}';
}

/** The channel's name from options (simcc's own: tokio has none): `channel(8, 'items')` or `{ name }`. */
export function nameOf(opts: unknown): string | undefined {
  if (opts === undefined) return undefined;
  if (typeof opts === 'string') return opts;
  if (typeof opts === 'object' && opts !== null) return (opts as { name?: string }).name;
  return undefined;
}


/** The drop of a channel end as its own step (`await drop(x)`, an owner's end): writes the channel. */
class EndDropOp extends Op<void> {
  readonly kind = 'drop' as const;
  private said = '';
  constructor(
    exec: Execution,
    readonly obj: SimObjectRef,
    private readonly writes: readonly Touch[],
    private readonly fn: (t: Thread | null) => string,
  ) {
    super(exec);
  }
  override footprint(): readonly Touch[] {
    return this.writes;
  }
  step(): boolean {
    this.said = this.fn(this.thread);
    this.exec.touched(this.obj.id);
    return this.complete(undefined);
  }
  describe(): string {
    return `drop on ${this.obj.name}`;
  }
  override traced(): string {
    return this.said || this.describe();
  }
}

/** A channel end's drop: synchronously under `using`, else a step of its own. `fn` does it and says what it did. */
export function endDrop(exec: Execution, obj: SimObjectRef, ctx: DropContext, fn: (t: Thread | null) => string): void | Promise<void> {
  if (ctx.sync) {
    exec.noteTouch(obj.id, false);
    fn(ctx.thread);
    exec.touched(obj.id);
    return;
  }
  return new EndDropOp(exec, obj, [{ id: obj.id, read: false }], fn);
}
