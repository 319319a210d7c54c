/**
 * Rust's `Result<T, E>` for the 'simcc/rust' flavour (shared/scenario-api.md §2b "Results"):
 * `{ ok: true, value } | { ok: false, error }` with Rust's methods. `unwrap`/`expect` of an `Err`
 * panic the running thread with Rust's message, the error in its Debug form (`debugFormat`).
 *
 * Error enums are objects `{ kind: 'Variant', ...payload }`. Poisoning hook (for the Mutex/RwLock
 * author): a `PoisonError` object carries `poisonedBy: PanicInfo` (the panic that poisoned the lock,
 * made with `poisonError(guard, by)`); unwrapping it — or a `TryLockError` `{ kind: 'Poisoned', error }`
 * wrapping one — panics with kind `poisoned-lock`, naming that panic. Unwrapping a join's
 * `Err(PanicInfo)` re-raises that panic with its original kind and location.
 */
import type { SimPanic } from '../../runtime/errors.js';
import { makePanic, PanicInfo, panicFromInfo } from './panic.js';

/** A custom Debug form: an error type may define `[DEBUG]()` to say how `unwrap` shows it. */
export const DEBUG = Symbol.for('simcc.rust.debug');

interface ResultMethods<T, E> {
  isOk(): this is OkResult<T, E>;
  isErr(): this is ErrResult<T, E>;
  /** The value; on `Err`, panics: ``called `Result::unwrap()` on an `Err` value: …``. */
  unwrap(): T;
  /** The value; on `Err`, panics with `msg: …`. */
  expect(msg: string): T;
  /** The error; on `Ok`, panics: ``called `Result::unwrap_err()` on an `Ok` value: …``. */
  unwrapErr(): E;
  expectErr(msg: string): E;
  unwrapOr(v: T): T;
  unwrapOrElse(f: (e: E) => T): T;
  map<U>(f: (v: T) => U): Result<U, E>;
  mapErr<F>(f: (e: E) => F): Result<T, F>;
  /** Rust's `ok()` (named okValue: `ok` is the tag field): the value, or undefined (Rust's None). */
  okValue(): T | undefined;
  /** Rust's `err()`: the error, or undefined. */
  err(): E | undefined;
}

export interface OkResult<T, E = never> extends ResultMethods<T, E> {
  readonly ok: true;
  readonly value: T;
}

export interface ErrResult<T, E> extends ResultMethods<T, E> {
  readonly ok: false;
  readonly error: E;
}

export type Result<T, E> = OkResult<T, E> | ErrResult<T, E>;

class RustResult<T, E> {
  // Every Result has the three fields, in one order (one object shape: Ok and Err are made per send).
  constructor(
    readonly ok: boolean,
    readonly value: T,
    readonly error: E,
  ) {}

  isOk(): boolean {
    return this.ok;
  }
  isErr(): boolean {
    return !this.ok;
  }
  unwrap(): T {
    if (this.ok) return this.value;
    throw unwrapPanic('called `Result::unwrap()` on an `Err` value', this.error);
  }
  expect(msg: string): T {
    if (this.ok) return this.value;
    throw unwrapPanic(String(msg), this.error);
  }
  unwrapErr(): E {
    if (!this.ok) return this.error;
    throw makePanic('panic', `called \`Result::unwrap_err()\` on an \`Ok\` value: ${debugFormat(this.value)}`);
  }
  expectErr(msg: string): E {
    if (!this.ok) return this.error;
    throw makePanic('panic', `${String(msg)}: ${debugFormat(this.value)}`);
  }
  unwrapOr(v: T): T {
    return this.ok ? this.value : v;
  }
  unwrapOrElse(f: (e: E) => T): T {
    return this.ok ? this.value : f(this.error);
  }
  map<U>(f: (v: T) => U): Result<U, E> {
    return this.ok ? Ok(f(this.value)) : (this as unknown as Result<U, E>);
  }
  mapErr<F>(f: (e: E) => F): Result<T, F> {
    return this.ok ? (this as unknown as Result<T, F>) : Err(f(this.error));
  }
  okValue(): T | undefined {
    return this.ok ? this.value : undefined;
  }
  err(): E | undefined {
    return this.ok ? undefined : this.error;
  }
  toString(): string {
    return this.ok ? `Ok(${debugFormat(this.value)})` : `Err(${debugFormat(this.error)})`;
  }
}

export function Ok<T, E = never>(value: T): OkResult<T, E> {
  return new RustResult<T, E>(true, value, undefined as E) as unknown as OkResult<T, E>;
}

export function Err<E, T = never>(error: E): ErrResult<T, E> {
  return new RustResult<T, E>(false, undefined as T, error) as unknown as ErrResult<T, E>;
}

export function isResult(x: unknown): x is Result<unknown, unknown> {
  return x instanceof RustResult;
}

// ---- errors ---------------------------------------------------------------------------------------

/** `std::sync::PoisonError<G>`: the guard is still handed out by `intoInner()`. */
export interface PoisonError<G> {
  readonly kind: 'PoisonError';
  /** The panic that poisoned the lock (the guard dropped while its thread unwound). */
  readonly poisonedBy: PanicInfo | undefined;
  intoInner(): G;
  getRef(): G;
}

/** Make a PoisonError for the Mutex/RwLock author: `Err(poisonError(guard, mutex.poisonedBy))`. */
export function poisonError<G>(guard: G, poisonedBy: PanicInfo | undefined): PoisonError<G> {
  const e = { kind: 'PoisonError' as const } as PoisonError<G>;
  Object.defineProperty(e, 'poisonedBy', { value: poisonedBy, enumerable: false });
  Object.defineProperty(e, 'intoInner', { value: () => guard, enumerable: false });
  Object.defineProperty(e, 'getRef', { value: () => guard, enumerable: false });
  Object.defineProperty(e, DEBUG, { value: () => 'PoisonError { .. }', enumerable: false });
  return e;
}

/** The poisoning panic an error stands for: a PoisonError, or an error wrapping one (`Poisoned`). */
export function poisonSource(error: unknown): PanicInfo | undefined | null {
  if (typeof error !== 'object' || error === null) return null;
  if ('poisonedBy' in error) return (error as { poisonedBy: PanicInfo | undefined }).poisonedBy;
  const inner = (error as { error?: unknown }).error;
  if ((error as { kind?: unknown }).kind === 'Poisoned' && inner !== undefined) return poisonSource(inner);
  return null;
}

function unwrapPanic(prefix: string, error: unknown): Error {
  // A join's Err: the thread's own panic reaches the joiner, reported as it was (kind, location).
  if (error instanceof PanicInfo) return panicFromInfo(error);
  const text = `${prefix}: ${debugFormat(error)}`;
  const by = poisonSource(error);
  if (by === null) return makePanic('panic', text);
  const origin = by ? ` (the lock was poisoned when thread '${by.thread}' panicked: ${by.message})` : ' (the lock is poisoned)';
  const p = makePanic('poisoned-lock', text + origin) as SimPanic & { info?: PanicInfo };
  // The finding names where the poisoning panic was, too (not in the message: it must not depend on locations).
  if (by?.location) {
    p.related = [by.location];
    if (p.info) p.info.related = p.related;
  }
  return p;
}

// ---- Debug ----------------------------------------------------------------------------------------

const HIDDEN_FIELDS = new Set(['value', 'guard', 'error', 'inner']);

/**
 * A value's Debug-like form, as Rust's `{:?}` shows it in a panic message: `"text"` for a string, `()`
 * for undefined, `WouldBlock` / `Disconnected` for a unit variant, `Full(..)` / `Lagged(3)` for a tuple
 * variant, `SendError { .. }` / `PoisonError { .. }` for an error struct with a hidden payload (a kind
 * ending in "Error"), `Any { .. }` for a panic payload; `[DEBUG]()` overrides it.
 */
export function debugFormat(v: unknown, depth = 0): string {
  if (v === undefined) return '()';
  if (v === null) return 'None';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'symbol' || typeof v === 'function') return typeof v === 'symbol' ? v.toString() : '<function>';
  if (depth > 3) return '..';
  const o = v as Record<string | symbol, unknown>;
  if (typeof o[DEBUG] === 'function') return String((o[DEBUG] as () => unknown).call(o));
  if (v instanceof PanicInfo) return 'Any { .. }';
  if (isResult(v)) return v.toString();
  if (Array.isArray(v)) return `[${v.map((x) => debugFormat(x, depth + 1)).join(', ')}]`;
  if (typeof o.kind === 'string') {
    const kind = o.kind;
    const fields = Object.keys(o).filter((k) => k !== 'kind');
    if (fields.length === 0) return kind;
    if (kind.endsWith('Error')) {
      const shown = fields.filter((k) => !HIDDEN_FIELDS.has(k));
      if (shown.length === 0) return `${kind} { .. }`;
      return `${kind} { ${shown.map((k) => `${k}: ${debugFormat(o[k], depth + 1)}`).join(', ')}${shown.length < fields.length ? ', ..' : ''} }`;
    }
    return `${kind}(${fields.map((k) => (HIDDEN_FIELDS.has(k) ? '..' : debugFormat(o[k], depth + 1))).join(', ')})`;
  }
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  const keys = Object.keys(o);
  const name = Object.getPrototypeOf(o)?.constructor?.name;
  const head = name && name !== 'Object' ? `${name} ` : '';
  if (keys.length === 0) return head ? name : '{}';
  return `${head}{ ${keys.map((k) => `${k}: ${debugFormat(o[k], depth + 1)}`).join(', ')} }`;
}
