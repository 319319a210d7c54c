/**
 * Rust integer widths for the atomics: range checks and the wrapping arithmetic of `fetch_add`,
 * `fetch_sub`, `fetch_and`, `fetch_or`, `fetch_xor`, `fetch_nand`, `fetch_max`, `fetch_min`, and
 * the boolean operations of `AtomicBool`.
 *
 * Representation:
 * - `u32`, `i32`: JS numbers; every operation wraps exactly as Rust's (`u32` 0 − 1 = 4294967295,
 *   `i32` 2147483647 + 1 = −2147483648).
 * - `u64`, `i64`: bigints; every operation wraps exactly as Rust's.
 * - `usize`, `isize`: **64-bit** (Rust on every 64-bit target), kept as JS numbers for convenience.
 *   Every operation is computed exactly modulo 2^64, but its result must be an integer a number holds
 *   exactly (|v| ≤ 2^53 − 1, `Number.MAX_SAFE_INTEGER`). A result beyond that — in practice a wrap,
 *   such as `usize` 0 − 1 = 18446744073709551615 or `isize::MAX` + 1 — throws a {@link WidthError}
 *   that says so (the caller reports it; Rust would wrap silently, which is almost always the bug
 *   the scenario is looking for). Code that really needs such values uses `AtomicU64`/`AtomicI64`.
 *
 * Max/min compare as the width's signedness says; the operands are always in range (checked), so
 * a plain numeric comparison is Rust's.
 */

export type NumberWidth = 'u32' | 'i32' | 'usize' | 'isize';
export type BigIntWidth = 'u64' | 'i64';
export type IntWidth = NumberWidth | BigIntWidth;

/** The integer read-modify-writes (`fetch_<op>`). */
export type IntOp = 'add' | 'sub' | 'and' | 'or' | 'xor' | 'nand' | 'max' | 'min';
/** `AtomicBool`'s read-modify-writes: no arithmetic. */
export type BoolOp = 'and' | 'or' | 'xor' | 'nand';

/** A value that does not fit its width, or a usize/isize result beyond a number's exact range. */
export class WidthError extends Error {
  override name = 'WidthError';
}

/** The arithmetic of one width; `T` is number or bigint as the width's representation. */
export interface IntOps<T extends number | bigint> {
  readonly width: IntWidth;
  readonly bits: 32 | 64;
  readonly signed: boolean;
  /** Rust's `MIN` / `MAX`, exact (as bigints: `usize::MAX` is no safe number). */
  readonly min: bigint;
  readonly max: bigint;
  /** `v` if it is a value of this width (right type, integer, in range); else a WidthError. */
  check(v: unknown): T;
  /** `v` wrapped to this width as Rust's `as` cast does (`wrap(-1n)` of u32 = 4294967295). */
  wrap(v: bigint | number): T;
  /** `old <op> arg`, wrapping: the value `fetch_<op>(arg)` stores. */
  apply(op: IntOp, old: T, arg: T): T;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function makeOps<T extends number | bigint>(width: IntWidth, bits: 32 | 64, signed: boolean, big: boolean): IntOps<T> {
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  const reduce = (v: bigint): bigint => (signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v));
  const out = (v: bigint, what: () => string): T => {
    if (big) return v as T;
    if (v > MAX_SAFE || v < -MAX_SAFE) {
      throw new WidthError(
        `${width} ${what()} = ${v}, beyond the integers a JS number holds exactly (±2^53 − 1): ` +
          `${width} values are numbers in simcc; use AtomicU64/AtomicI64 (bigint) for values this large`,
      );
    }
    return Number(v) as T;
  };
  const ops: IntOps<T> = {
    width,
    bits,
    signed,
    min,
    max,
    check(v: unknown): T {
      if (big) {
        if (typeof v !== 'bigint') throw new WidthError(`${width} values are bigints, got ${describe(v)}`);
      } else if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
        throw new WidthError(`${width} values are integer numbers (within ±2^53 − 1), got ${describe(v)}`);
      }
      const b = BigInt(v as number | bigint);
      if (b < min || b > max) throw new WidthError(`${describe(v)} is out of range for ${width} (${min}..=${max})`);
      return v as T;
    },
    wrap(v: bigint | number): T {
      if (typeof v === 'number' && !Number.isInteger(v)) throw new WidthError(`cannot wrap ${v} to ${width}: not an integer`);
      const r = reduce(BigInt(v));
      return out(r, () => `${v} as ${width}`);
    },
    apply(op: IntOp, old: T, arg: T): T {
      const a = BigInt(ops.check(old));
      const b = BigInt(ops.check(arg));
      let r: bigint;
      switch (op) {
        case 'add': r = a + b; break;
        case 'sub': r = a - b; break;
        case 'and': r = a & b; break;
        case 'or': r = a | b; break;
        case 'xor': r = a ^ b; break;
        case 'nand': r = ~(a & b); break;
        case 'max': return a >= b ? old : arg;
        case 'min': return a <= b ? old : arg;
        default: throw new WidthError(`unknown integer operation ${describe(op)}`);
      }
      return out(reduce(r), () => `${a} ${SYMBOL[op]} ${b}`);
    },
  };
  return ops;
}

const SYMBOL: Record<IntOp, string> = { add: '+', sub: '-', and: '&', or: '|', xor: '^', nand: '!&', max: 'max', min: 'min' };

function describe(v: unknown): string {
  return typeof v === 'bigint' ? `${v}n` : typeof v === 'string' ? JSON.stringify(v) : String(v);
}

export const U32: IntOps<number> = makeOps<number>('u32', 32, false, false);
export const I32: IntOps<number> = makeOps<number>('i32', 32, true, false);
export const USIZE: IntOps<number> = makeOps<number>('usize', 64, false, false);
export const ISIZE: IntOps<number> = makeOps<number>('isize', 64, true, false);
export const U64: IntOps<bigint> = makeOps<bigint>('u64', 64, false, true);
export const I64: IntOps<bigint> = makeOps<bigint>('i64', 64, true, true);

/** The operations of a width by name. */
export function intOps(width: BigIntWidth): IntOps<bigint>;
export function intOps(width: NumberWidth): IntOps<number>;
export function intOps(width: IntWidth): IntOps<number> | IntOps<bigint>;
export function intOps(width: IntWidth): IntOps<number> | IntOps<bigint> {
  switch (width) {
    case 'u32': return U32;
    case 'i32': return I32;
    case 'usize': return USIZE;
    case 'isize': return ISIZE;
    case 'u64': return U64;
    case 'i64': return I64;
    default: throw new WidthError(`unknown integer width ${describe(width)}`);
  }
}

/** `v` if it is a boolean; else a WidthError. */
export function checkBool(v: unknown): boolean {
  if (typeof v !== 'boolean') throw new WidthError(`AtomicBool values are booleans, got ${describe(v)}`);
  return v;
}

/** `old <op> arg` for `AtomicBool::fetch_<op>`: the value it stores. */
export function applyBool(op: BoolOp, old: boolean, arg: boolean): boolean {
  checkBool(old);
  checkBool(arg);
  switch (op) {
    case 'and': return old && arg;
    case 'or': return old || arg;
    case 'xor': return old !== arg;
    case 'nand': return !(old && arg);
    default: throw new WidthError(`AtomicBool has no fetch_${String(op)}: only and, or, xor, nand`);
  }
}
