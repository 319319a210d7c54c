/**
 * The `Result<T, E>` the Rust atomics return (`compareExchange` → `Result<old, actual>`), behind one
 * file: src/primitives/rust/result.ts (Rust's `Result` with `Ok(v)` / `Err(e)`, written alongside)
 * replaces everything below with one line once it is merged:
 *
 *   export { Ok, Err, type Result } from './result.js';
 *
 * Until then a minimal local implementation of the same shape: `{ ok: true, value } | { ok: false,
 * error }` with `isOk`, `isErr`, `unwrap`, `expect`, `unwrapErr`, `unwrapOr`, `unwrapOrElse`; an
 * `unwrap` of an `Err` panics the thread with Rust's message.
 */
import { SimPanic } from './atomic-runtime.js';

interface ResultMethods<T, E> {
  isOk(): boolean;
  isErr(): boolean;
  unwrap(): T;
  expect(msg: string): T;
  unwrapErr(): E;
  unwrapOr(v: T): T;
  unwrapOrElse(f: (e: E) => T): T;
}

export type Result<T, E> = ({ readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E }) & ResultMethods<T, E>;

function debug(v: unknown): string {
  return typeof v === 'bigint' ? String(v) : typeof v === 'string' ? JSON.stringify(v) : String(v);
}

class OkValue<T, E> implements ResultMethods<T, E> {
  readonly ok = true as const;
  constructor(readonly value: T) {}
  isOk(): boolean {
    return true;
  }
  isErr(): boolean {
    return false;
  }
  unwrap(): T {
    return this.value;
  }
  expect(_msg: string): T {
    return this.value;
  }
  unwrapErr(): E {
    throw new SimPanic('panic', `called \`Result::unwrap_err()\` on an \`Ok\` value: ${debug(this.value)}`);
  }
  unwrapOr(_v: T): T {
    return this.value;
  }
  unwrapOrElse(_f: (e: E) => T): T {
    return this.value;
  }
  toString(): string {
    return `Ok(${debug(this.value)})`;
  }
}

class ErrValue<T, E> implements ResultMethods<T, E> {
  readonly ok = false as const;
  constructor(readonly error: E) {}
  isOk(): boolean {
    return false;
  }
  isErr(): boolean {
    return true;
  }
  unwrap(): T {
    throw new SimPanic('panic', `called \`Result::unwrap()\` on an \`Err\` value: ${debug(this.error)}`);
  }
  expect(msg: string): T {
    throw new SimPanic('panic', `${msg}: ${debug(this.error)}`);
  }
  unwrapErr(): E {
    return this.error;
  }
  unwrapOr(v: T): T {
    return v;
  }
  unwrapOrElse(f: (e: E) => T): T {
    return f(this.error);
  }
  toString(): string {
    return `Err(${debug(this.error)})`;
  }
}

export function Ok<T, E = never>(value: T): Result<T, E> {
  return new OkValue<T, E>(value);
}

export function Err<E, T = never>(error: E): Result<T, E> {
  return new ErrValue<T, E>(error);
}
