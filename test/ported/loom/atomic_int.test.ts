// Ported from tokio-rs/loom tests/atomic_int.rs: the `test_int!` macro, one `mod` per integer type
// simcc has (u32, i32, u64, i64, usize, isize; loom's u8/u16/i8/i16 have no simcc type), each a
// single-threaded `loom::model` of the operation's results, wrapping at the type's bounds.
import { describe, it } from 'vitest';
import { AtomicUsize, AtomicIsize, AtomicU32, AtomicI32, AtomicU64, AtomicI64, Ordering, assert } from '../../../src/rust.js';
import { model } from './helpers.js';

const { Relaxed } = Ordering;

type Num = number | bigint;
interface IntAtomic {
  load(o: Ordering): Promise<Num>;
  store(v: Num, o: Ordering): Promise<void>;
  swap(v: Num, o: Ordering): Promise<Num>;
  compareExchange(c: Num, n: Num, s: Ordering, f: Ordering): Promise<{ isOk(): boolean; unwrap(): Num; unwrapErr(): Num }>;
  fetchAdd(v: Num, o: Ordering): Promise<Num>;
  fetchSub(v: Num, o: Ordering): Promise<Num>;
  fetchAnd(v: Num, o: Ordering): Promise<Num>;
  fetchOr(v: Num, o: Ordering): Promise<Num>;
  fetchXor(v: Num, o: Ordering): Promise<Num>;
  fetchMax(v: Num, o: Ordering): Promise<Num>;
  fetchMin(v: Num, o: Ordering): Promise<Num>;
}

interface IntType {
  mod: string;
  make: (v: Num) => IntAtomic;
  n: (v: number) => Num;
  max: Num;
  min: Num;
}

const u64max = (1n << 64n) - 1n;
const types: IntType[] = [
  { mod: 'atomic_u32', make: (v) => new AtomicU32(v as number) as unknown as IntAtomic, n: (v) => v, max: 4294967295, min: 0 },
  { mod: 'atomic_i32', make: (v) => new AtomicI32(v as number) as unknown as IntAtomic, n: (v) => v, max: 2147483647, min: -2147483648 },
  { mod: 'atomic_u64', make: (v) => new AtomicU64(v as bigint) as unknown as IntAtomic, n: (v) => BigInt(v), max: u64max, min: 0n },
  { mod: 'atomic_i64', make: (v) => new AtomicI64(v as bigint) as unknown as IntAtomic, n: (v) => BigInt(v), max: (1n << 63n) - 1n, min: -(1n << 63n) },
  // usize/isize are 64-bit, as on loom's CI targets: numbers at simcc's API, exact inside; usize::MAX
  // reads as its nearest number 2^64, isize::MAX as 2^63 (src/primitives/rust/atomic.ts).
  { mod: 'atomic_usize', make: (v) => new AtomicUsize(v as number) as unknown as IntAtomic, n: (v) => v, max: 2 ** 64, min: 0 },
  { mod: 'atomic_isize', make: (v) => new AtomicIsize(v as number) as unknown as IntAtomic, n: (v) => v, max: 2 ** 63, min: -(2 ** 63) },
];

const eq = (a: Num, b: Num, what: string) => assert(a === b, `assert_eq!(${String(a)}, ${String(b)}): ${what}`);

for (const T of types) {
  const { n } = T;
  describe(`loom tests/atomic_int.rs ${T.mod}`, () => {
    it('xchg', async () => {
      await model(`${T.mod}::xchg`, async () => {
        const a = T.make(n(0));
        eq(await a.swap(n(1), Relaxed), n(0), 'swap 1');
        eq(await a.swap(T.max, Relaxed), n(1), 'swap MAX');
        eq(await a.swap(T.min, Relaxed), T.max, 'swap MIN');
        eq(await a.load(Relaxed), T.min, 'load');
      });
    });

    it('compare_exchange', async () => {
      await model(`${T.mod}::compare_exchange`, async () => {
        const a = T.make(n(0));
        const r1 = await a.compareExchange(n(0), n(1), Relaxed, Relaxed);
        assert(r1.isOk() && r1.unwrap() === n(0), 'assert_eq!(Ok(0), …)');
        const r2 = await a.compareExchange(n(0), n(2), Relaxed, Relaxed);
        assert(!r2.isOk() && r2.unwrapErr() === n(1), 'assert_eq!(Err(1), …)');
        eq(await a.load(Relaxed), n(1), 'load');
      });
    });

    it('fetch_add', async () => {
      await model(`${T.mod}::fetch_add`, async () => {
        const a = T.make(n(0));
        eq(await a.fetchAdd(n(1), Relaxed), n(0), 'fetch_add 1');
        eq(await a.fetchAdd(n(2), Relaxed), n(1), 'fetch_add 2');
        eq(await a.load(Relaxed), n(3), 'load');
        {
          // wrapping_add at MAX, as Rust's atomics do
          await a.store(T.max, Relaxed);
          eq(await a.fetchAdd(n(1), Relaxed), T.max, 'fetch_add at MAX');
          eq(await a.load(Relaxed), T.min, 'wrapped to MIN');
        }
      });
    });

    it('fetch_sub', async () => {
      await model(`${T.mod}::fetch_sub`, async () => {
        const a = T.make(n(3));
        eq(await a.fetchSub(n(1), Relaxed), n(3), 'fetch_sub 1');
        eq(await a.fetchSub(n(2), Relaxed), n(2), 'fetch_sub 2');
        eq(await a.load(Relaxed), n(0), 'load');
        {
          await a.store(T.min, Relaxed);
          eq(await a.fetchSub(n(1), Relaxed), T.min, 'fetch_sub at MIN');
          eq(await a.load(Relaxed), T.max, 'wrapped to MAX');
        }
      });
    });

    it('fetch_and', async () => {
      await model(`${T.mod}::fetch_and`, async () => {
        const a = T.make(n(0b11));
        eq(await a.fetchAnd(n(0b10), Relaxed), n(0b11), 'fetch_and');
        eq(await a.load(Relaxed), n(0b10), 'load');
      });
    });

    it('fetch_or', async () => {
      await model(`${T.mod}::fetch_or`, async () => {
        const a = T.make(n(0b01));
        eq(await a.fetchOr(n(0b10), Relaxed), n(0b01), 'fetch_or');
        eq(await a.load(Relaxed), n(0b11), 'load');
      });
    });

    it('fetch_xor', async () => {
      await model(`${T.mod}::fetch_xor`, async () => {
        const a = T.make(n(0b11));
        eq(await a.fetchXor(n(0b10), Relaxed), n(0b11), 'fetch_xor');
        eq(await a.load(Relaxed), n(0b01), 'load');
      });
    });

    it('fetch_max', async () => {
      await model(`${T.mod}::fetch_max`, async () => {
        const a = T.make(n(5));
        eq(await a.fetchMax(n(3), Relaxed), n(5), 'fetch_max smaller');
        eq(await a.fetchMax(n(7), Relaxed), n(5), 'fetch_max larger');
        eq(await a.load(Relaxed), n(7), 'load');
      });
    });

    it('fetch_min', async () => {
      await model(`${T.mod}::fetch_min`, async () => {
        const a = T.make(n(5));
        eq(await a.fetchMin(n(7), Relaxed), n(5), 'fetch_min larger');
        eq(await a.fetchMin(n(3), Relaxed), n(5), 'fetch_min smaller');
        eq(await a.load(Relaxed), n(3), 'load');
        if (T.min !== 0 && T.min !== 0n) {
          eq(await a.fetchMin(T.min, Relaxed), n(3), 'fetch_min MIN');
          eq(await a.load(Relaxed), T.min, 'signed min');
        }
      });
    });
  });
}

