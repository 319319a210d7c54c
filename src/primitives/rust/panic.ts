/**
 * Rust panics for the 'simcc/rust' flavour (shared/scenario-api.md §2b "Panics"): `panic`, Rust's
 * `assert`, `PanicInfo` and `catchUnwind`.
 *
 * A Rust panic is the runtime's neutral `SimPanic` (runtime/errors.ts), carrying the payload, the panicking thread's name and its location. When it
 * escapes a thread, the runtime reports it with its own kind (`panic`, `assertion`, `poisoned-lock`)
 * and message; the message holds no location (the finding's locations do), so that it is the same in
 * runs with and without location capture (harness/determinism.ts compares messages).
 *
 * Report text: `thread 'worker' panicked: boom` (Rust prints `thread 'worker' panicked at f.rs:3:5:\nboom`;
 * `PanicInfo.toString()` gives that form with the location when one was captured).
 */
import type { FindingKind } from '../../findings.js';
import { currentExecution, peekCurrentExecution } from '../../runtime/current.js';
import { SimPanic, Halt, isScenarioMistake, safeString, ScenarioError } from '../../runtime/errors.js';
import { callerLocation, errorLocation } from '../../runtime/locations.js';
import type { Thread } from '../../runtime/thread.js';
import { Err, Ok, type Result } from './result.js';
import { enterFrame, leaveFrame, noteThrown, unwindFrame } from './ownership.js';

/** What a Rust panic carries: what `join` returns as its error and what `catchUnwind` returns. */
export class PanicInfo {
  /** Other places its finding names (a poisoned lock's unwrap: where the panic that poisoned it was). */
  related?: readonly string[];
  constructor(
    /** The finding kind it is reported as when it escapes: 'panic', 'assertion', 'poisoned-lock', … */
    readonly kind: FindingKind,
    /** The payload: panic!'s message. */
    readonly message: string,
    /** The name of the thread that panicked. */
    readonly thread: string,
    /** Where it panicked (file:line:col), when locations are captured. */
    readonly location: string | undefined,
  ) {}

  /** The finding's message: `thread 'name' panicked: msg` (no location, see the header). */
  get report(): string {
    return `thread '${this.thread}' panicked: ${this.message}`;
  }

  /** As Rust prints it: `thread 'name' panicked at file:line:col:\nmsg`. */
  toString(): string {
    return `thread '${this.thread}' panicked${this.location ? ` at ${this.location}` : ''}:\n${this.message}`;
  }
}

/** The extra fields a Rust panic carries on its SimPanic. */
interface RustPanicFields {
  at?: string;
  info?: PanicInfo;
}

function runningName(): string {
  const exec = peekCurrentExecution();
  return exec?.running?.name ?? 'main';
}

/**
 * Build (not throw) a Rust panic of `kind` with payload `message` in the running thread, located at
 * `at` (default: the scenario's caller when the execution captures locations).
 */
export function makePanic(kind: FindingKind, message: string, at?: string): SimPanic {
  const exec = peekCurrentExecution();
  const loc = at ?? (exec?.captureLocations ? callerLocation() : undefined);
  return panicFromInfo(new PanicInfo(kind, message, runningName(), loc));
}

/** A SimPanic that reports `info` as it is (its kind, message, thread name and location): a re-raised panic. */
export function panicFromInfo(info: PanicInfo, report = info.report): SimPanic {
  const p = new SimPanic(info.kind, report) as SimPanic & RustPanicFields;
  p.at = info.location;
  p.info = info;
  if (info.related) p.related = [...info.related];
  // Made to be thrown: a `using` block the panic leaves disposes its guards as unwinding (ownership.ts).
  const exec = peekCurrentExecution();
  if (exec?.running) noteThrown(exec, exec.running, info);
  return p;
}

/** Rust's `panic!(msg)`: the thread panics (kind 'panic'); catchUnwind or a joiner may observe it. */
export function panic(message?: unknown): never {
  currentExecution('panic()');
  throw makePanic('panic', message === undefined ? 'explicit panic' : safeString(message));
}

/**
 * Rust's `assert!(cond, msg)`: a failed one panics the thread (kind 'assertion'), so catchUnwind catches
 * it and a join observes it; uncaught, it is an `assertion` finding (unlike the Go flavour's assert,
 * which ends the execution at once).
 */
export function assert(cond: unknown, message?: string): asserts cond {
  if (cond) return;
  currentExecution('assert()');
  const text = message === undefined || message === '' ? 'assertion failed' : `assertion failed: ${safeString(message)}`;
  throw makePanic('assertion', text);
}

/** simcc's own exceptions and scenario mistakes: never a panic, never caught by catchUnwind. */
export function isInternal(e: unknown): boolean {
  return e instanceof Halt || e instanceof ScenarioError || isScenarioMistake(e);
}

/** The PanicInfo of an exception that escaped (a Rust panic, a Go-style panic, any thrown value). */
export function panicInfoOf(e: unknown, t: Thread | null): PanicInfo {
  const name = t?.name ?? runningName();
  if (e instanceof SimPanic) {
    const f = e as SimPanic & RustPanicFields;
    if (f.info) return f.info;
    return new PanicInfo(e.kind, e.message, name, f.at ?? errorLocation(e));
  }
  if (e instanceof Error) {
    const n = safeString(e.name);
    return new PanicInfo('panic', `${n === 'Error' ? '' : n + ': '}${safeString(e.message)}`, name, errorLocation(e) ?? t?.lastAt);
  }
  return new PanicInfo('panic', safeString(e), name, t?.lastAt ?? t?.startedAt);
}

/**
 * Rust's `std::panic::catch_unwind`: runs `fn`; a panic escaping it (a SimPanic, a failed Rust assert, a
 * failed unwrap, any thrown exception except simcc's own Halt/ScenarioError and scenario mistakes)
 * becomes `Err(PanicInfo)`, after the values the thread created inside `fn` and still owns are dropped
 * in reverse order of creation while the thread is unwinding (so a guard among them poisons its lock).
 */
export async function catchUnwind<T>(fn: () => T | Promise<T>): Promise<Result<T, PanicInfo>> {
  const exec = currentExecution('catchUnwind()');
  const t = exec.running;
  if (!t) throw new ScenarioError('catchUnwind() was called outside any thread');
  const frame = enterFrame(t);
  let value: T;
  try {
    value = await fn();
  } catch (e) {
    if (isInternal(e)) {
      leaveFrame(t, frame);
      throw e;
    }
    const info = panicInfoOf(e, t);
    await unwindFrame(t, frame, info);
    return Err(info);
  }
  leaveFrame(t, frame);
  return Ok(value);
}

/** Rust's `std::panic::resume_unwind`: panic again with a PanicInfo (its kind, message and location). */
export function resumeUnwind(info: PanicInfo): never {
  throw panicFromInfo(info);
}
