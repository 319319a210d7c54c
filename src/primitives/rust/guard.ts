/**
 * What std's Mutex<T> and RwLock<T> share (mutex.ts, rwlock.ts) and Condvar reads (condvar.ts): the
 * result types, the poison flag, and the release of a lock by a guard's drop.
 *
 * Poisoning, exactly as std: a guard released while its thread unwinds a panic (ownership.ts drops it
 * with `ctx.unwinding`, from a panic escaping a `catchUnwind` closure or the thread, or a `using`
 * block the panic leaves) sets the lock's flag; every later acquisition still gets the guard, wrapped
 * in `Err(PoisonError)` (`PoisonError.intoInner()` hands it out); `clearPoison` resets it. The flag
 * remembers the first panic that set it (the `poisoned-lock` finding of a later `unwrap` names it).
 *
 * Dependence: the flag belongs to its lock's object id. Steps that change it (a poisoning unlock) write
 * that id anyway; the synchronous queries tell the explorer what they read or wrote with
 * `exec.noteTouch` (isPoisoned reads, clearPoison writes).
 */
import { ScenarioError } from '../../runtime/errors.js';
import type { Execution } from '../../runtime/execution.js';
import type { Thread } from '../../runtime/thread.js';
import type { PanicInfo } from './panic.js';
import { Err, Ok, poisonError, type PoisonError, type Result } from './result.js';

/** `std::sync::LockResult<G>`: the guard, or the guard wrapped in a PoisonError. */
export type LockResult<G> = Result<G, PoisonError<G>>;

/** `std::sync::TryLockError<G>`: the lock is held (`WouldBlock`), or it was taken but is poisoned. */
export type TryLockError<G> = { readonly kind: 'WouldBlock' } | { readonly kind: 'Poisoned'; readonly error: PoisonError<G> };

/** `std::sync::TryLockResult<G>`. */
export type TryLockResult<G> = Result<G, TryLockError<G>>;

export const WOULD_BLOCK: TryLockError<never> = Object.freeze({ kind: 'WouldBlock' as const });

/** A lock's poison flag and the panic that set it. */
export class Poison {
  poisoned = false;
  /** The first panic that poisoned it since the last clear (undefined when unknown). */
  by: PanicInfo | undefined;

  /** A guard was released while its thread unwound `panic`. */
  set(panic: PanicInfo | undefined): void {
    if (this.poisoned) return;
    this.poisoned = true;
    this.by = panic;
  }

  clear(): void {
    this.poisoned = false;
    this.by = undefined;
  }

  /** `Ok(guard)`, or `Err(PoisonError(guard))` while poisoned. */
  result<G>(guard: G): LockResult<G> {
    return this.poisoned ? Err(poisonError(guard, this.by)) : Ok(guard);
  }

  /** A try-lock that took the lock: `Ok(guard)`, or `Err(Poisoned(PoisonError(guard)))`. */
  tryResult<G>(guard: G): TryLockResult<G> {
    return this.poisoned ? Err({ kind: 'Poisoned', error: poisonError(guard, this.by) }) : Ok(guard);
  }
}

/**
 * How many spurious wake-ups one Condvar wait or park may have in a row (`--spurious-wakeups N`;
 * default 1, the contract's "at most once per wait").
 */
export function spuriousWakeupLimit(exec: Execution): number {
  return exec.spuriousWakeups ?? 1;
}

/**
 * A release made by goroutine code rather than by a step (a guard's `Symbol.dispose`): the explorers
 * see it as a write of the lock by the event whose continuation ran it, and the lock's waiters are
 * looked at again.
 */
export function releasedInCode(exec: Execution, id: number): void {
  exec.noteTouch(id, false);
  exec.touched(id);
}

/** The thread a synchronous drop runs in (a dispose outside any thread is a scenario error). */
export function disposingThread(t: Thread | null, what: string): Thread {
  if (!t) throw new ScenarioError(`${what} was dropped outside any thread`);
  return t;
}
