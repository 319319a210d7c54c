/** Rust integer widths: wrapping fetch_* arithmetic, range checks, AtomicBool's operations. */
import { describe, expect, it } from 'vitest';
import { applyBool, checkBool, I32, I64, intOps, ISIZE, U32, U64, USIZE, WidthError } from '../../../../../src/primitives/rust/memory/width.js';

describe('u32 / i32 (numbers)', () => {
  it('u32 wraps: 0 − 1 = 4294967295, MAX + 1 = 0', () => {
    expect(U32.apply('sub', 0, 1)).toBe(4294967295);
    expect(U32.apply('add', 4294967295, 1)).toBe(0);
    expect(U32.apply('add', 4294967295, 4294967295)).toBe(4294967294);
  });
  it('i32 wraps: MAX + 1 = MIN, MIN − 1 = MAX', () => {
    expect(I32.apply('add', 2147483647, 1)).toBe(-2147483648);
    expect(I32.apply('sub', -2147483648, 1)).toBe(2147483647);
    expect(I32.min).toBe(-2147483648n);
    expect(I32.max).toBe(2147483647n);
  });
  it('bit operations, nand, max and min follow the width’s signedness', () => {
    expect(U32.apply('and', 0b1100, 0b1010)).toBe(0b1000);
    expect(U32.apply('or', 0b1100, 0b1010)).toBe(0b1110);
    expect(U32.apply('xor', 0b1100, 0b1010)).toBe(0b0110);
    expect(U32.apply('nand', 0xffffffff, 0xffffffff)).toBe(0);
    expect(U32.apply('nand', 0, 0)).toBe(4294967295);
    expect(I32.apply('nand', 0, 0)).toBe(-1);
    expect(I32.apply('xor', -1, 0x7fffffff)).toBe(-2147483648);
    expect(I32.apply('max', -5, 3)).toBe(3);
    expect(I32.apply('min', -5, 3)).toBe(-5);
    expect(U32.apply('max', 4294967295, 3)).toBe(4294967295);
  });
  it('values out of range or of the wrong type are WidthErrors', () => {
    expect(() => U32.check(-1)).toThrow(WidthError);
    expect(() => U32.check(4294967296)).toThrow(/out of range for u32 \(0\.\.=4294967295\)/);
    expect(() => I32.check(1.5)).toThrow(/integer numbers/);
    expect(() => U32.check(1n)).toThrow(/integer numbers/);
    expect(() => U32.apply('add', 1, -1)).toThrow(WidthError);
    expect(U32.check(7)).toBe(7);
  });
  it('wrap is Rust’s `as` cast', () => {
    expect(U32.wrap(-1n)).toBe(4294967295);
    expect(I32.wrap(0x80000000)).toBe(-2147483648);
    expect(U64.wrap(-1)).toBe(18446744073709551615n);
  });
});

describe('u64 / i64 (bigints)', () => {
  it('u64 wraps: 0 − 1 = 2^64 − 1, MAX + 1 = 0', () => {
    expect(U64.apply('sub', 0n, 1n)).toBe(18446744073709551615n);
    expect(U64.apply('add', 18446744073709551615n, 1n)).toBe(0n);
  });
  it('i64 wraps: MAX + 1 = MIN', () => {
    expect(I64.apply('add', 9223372036854775807n, 1n)).toBe(-9223372036854775808n);
    expect(I64.apply('nand', 0n, 0n)).toBe(-1n);
    expect(I64.apply('max', -2n, -3n)).toBe(-2n);
  });
  it('u64 values are bigints', () => {
    expect(() => U64.check(1)).toThrow(/bigints/);
    expect(() => U64.check(-1n)).toThrow(/out of range for u64/);
  });
});

describe('usize / isize (64-bit, as numbers)', () => {
  it('compute as 64-bit integers within a number’s exact range', () => {
    expect(USIZE.apply('add', 2 ** 40, 2 ** 40)).toBe(2 ** 41);
    expect(ISIZE.apply('sub', 0, 5)).toBe(-5);
    expect(USIZE.apply('sub', 5, 1)).toBe(4);
    expect(ISIZE.apply('nand', 0, 0)).toBe(-1);
    expect(ISIZE.apply('max', -7, -9)).toBe(-7);
    expect(() => USIZE.apply('nand', 0, 0)).toThrow(WidthError);
  });
  it('a wrap beyond the exact range is a WidthError that says what to use instead, not a silent wrong number', () => {
    expect(() => USIZE.apply('sub', 0, 1)).toThrow(/usize 0 - 1 = 18446744073709551615.*AtomicU64/);
    expect(() => USIZE.apply('add', Number.MAX_SAFE_INTEGER, 1)).toThrow(WidthError);
    expect(() => USIZE.check(Number.MAX_SAFE_INTEGER + 1)).toThrow(WidthError);
    expect(USIZE.max).toBe(18446744073709551615n);
    expect(ISIZE.min).toBe(-9223372036854775808n);
  });
  it('intOps finds a width by name', () => {
    expect(intOps('u32')).toBe(U32);
    expect(intOps('i64')).toBe(I64);
    expect(() => intOps('u16' as 'u32')).toThrow(/unknown integer width/);
  });
});

describe('AtomicBool', () => {
  it('and, or, xor, nand', () => {
    const table = (op: 'and' | 'or' | 'xor' | 'nand') =>
      [
        [false, false],
        [false, true],
        [true, false],
        [true, true],
      ].map(([a, b]) => (applyBool(op, a!, b!) ? 1 : 0)).join('');
    expect(table('and')).toBe('0001');
    expect(table('or')).toBe('0111');
    expect(table('xor')).toBe('0110');
    expect(table('nand')).toBe('1110');
  });
  it('no arithmetic, and values are booleans', () => {
    expect(() => applyBool('add' as 'and', true, true)).toThrow(/no fetch_add/);
    expect(() => checkBool(1)).toThrow(/booleans/);
  });
});
