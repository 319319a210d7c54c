/**
 * The Rust atomics' API (src/primitives/rust/atomic.ts, fence.ts, atomic-result.ts): values and
 * widths (wrapping as Rust), the read-modify-writes, compare-exchange's Result, Rust's panics on
 * orderings, and the timeline's text. Exploration and the memory model's outcomes are in
 * test/unit/scheduler/rust-atomics.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { assert, spawn } from '../../../../src/api/goroutines.js';
import {
  AtomicBool,
  AtomicI32,
  AtomicI64,
  AtomicIsize,
  AtomicU32,
  AtomicU64,
  AtomicUsize,
  Ordering,
} from '../../../../src/primitives/rust/atomic.js';
import { Err, Ok } from '../../../../src/primitives/rust/result.js';
import { atomicHistory } from '../../../../src/primitives/rust/atomic-runtime.js';
import { fence } from '../../../../src/primitives/rust/fence.js';
import { kinds, run } from '../../../helpers.js';

const { Relaxed, Release, Acquire, AcqRel, SeqCst } = Ordering;

/** Run `body` once (it has no concurrency) and return what it returned. */
async function once<T>(body: () => Promise<T>): Promise<T> {
  let out: T | undefined;
  const r = await run(async () => {
    out = await body();
  }, { runs: 1 });
  expect(r.error).toBeUndefined();
  expect(r.findings).toEqual([]);
  return out as T;
}

describe('values and read-modify-writes', () => {
  it('load, store, swap, fetch_* return the previous value and store the new one', async () => {
    const got = await once(async () => {
      const x = new AtomicUsize(5, 'x');
      const out: unknown[] = [await x.load(Relaxed)];
      await x.store(7, Release);
      out.push(await x.swap(9, AcqRel), await x.fetchAdd(3, SeqCst), await x.fetchSub(2, Relaxed));
      out.push(await x.fetchAnd(0b1100, Relaxed), await x.fetchOr(0b0011, Relaxed), await x.fetchXor(0b0101, Relaxed));
      out.push(await x.fetchMax(100, Relaxed), await x.fetchMin(4, Relaxed), await x.fetchNand(6, Relaxed), await x.load(Acquire));
      return out;
    });
    // 5; 7 → 9; 9 + 3 = 12; 12 − 2 = 10; 10 & 12 = 8; 8 | 3 = 11; 11 ^ 5 = 14; max 100; min 4; !(4 & 6) = !4
    expect(got).toEqual([5, 7, 9, 12, 10, 8, 11, 14, 100, 4, 18446744073709552000]);
  });

  it('widths wrap as Rust: u32, i32, u64, i64 exactly; usize/isize modulo 2^64 as the nearest number', async () => {
    const got = await once(async () => {
      const u = new AtomicU32(0);
      const i = new AtomicI32(2147483647);
      const u64 = new AtomicU64(0n);
      const i64 = new AtomicI64(9223372036854775807n);
      const us = new AtomicUsize(0, 'us');
      const is = new AtomicIsize(9007199254740991);
      await u.fetchSub(1, Relaxed);
      await i.fetchAdd(1, Relaxed);
      await u64.fetchSub(1n, Relaxed);
      await i64.fetchAdd(1n, Relaxed);
      await us.fetchSub(1, Relaxed);
      const wrapped = await us.load(Relaxed);
      await us.fetchAdd(1, Relaxed); // back to 0, exactly
      await is.fetchAdd(2, Relaxed);
      return [await u.load(Relaxed), await i.load(Relaxed), await u64.load(Relaxed), await i64.load(Relaxed), wrapped, wrapped === 0, await us.load(Relaxed), await is.load(Relaxed)];
    });
    expect(got).toEqual([4294967295, -2147483648, 18446744073709551615n, -9223372036854775808n, 18446744073709552000, false, 0, 9007199254740993]);
  });

  it('a usize::MAX read back compares equal (compare-exchange), and is usize::MAX when stored', async () => {
    const got = await once(async () => {
      const x = new AtomicUsize(0);
      await x.fetchSub(1, SeqCst);
      const max = await x.load(SeqCst);
      const r = await x.compareExchange(max, 5, SeqCst, SeqCst);
      await x.store(max, SeqCst);
      const old = await x.fetchAdd(1, SeqCst);
      return [r.isOk(), r.unwrap(), old, await x.load(SeqCst)];
    });
    expect(got).toEqual([true, 18446744073709552000, 18446744073709552000, 0]);
  });

  it('max and min compare as the width is signed', async () => {
    const got = await once(async () => {
      const i = new AtomicI32(-5);
      const is = new AtomicIsize(-5);
      await i.fetchMax(-7, Relaxed);
      await is.fetchMin(-7, Relaxed);
      return [await i.load(Relaxed), await is.load(Relaxed)];
    });
    expect(got).toEqual([-5, -7]);
  });

  it('AtomicBool: and, or, xor, nand, not', async () => {
    const got = await once(async () => {
      const b = new AtomicBool(true, 'b');
      const out = [await b.fetchAnd(false, Relaxed), await b.fetchOr(true, Relaxed), await b.fetchXor(true, Relaxed)];
      out.push(await b.fetchNand(true, Relaxed), await b.fetchNot(Relaxed), await b.load(Relaxed));
      return out;
    });
    // true → false → true → false → !(false & true) = true → !true = false
    expect(got).toEqual([true, false, true, false, true, false]);
  });

  it('compareExchange: Ok(previous) or Err(actual), with the Result methods', async () => {
    const got = await once(async () => {
      const x = new AtomicU64(1n);
      const ok = await x.compareExchange(1n, 2n, AcqRel, Acquire);
      const err = await x.compareExchange(1n, 3n, AcqRel, Acquire);
      return [ok.ok, ok.isOk(), ok.unwrap(), err.ok, err.isErr(), err.unwrapErr(), err.unwrapOr(9n), ok.ok ? ok.value : null, err.ok ? null : err.error, await x.load(SeqCst)];
    });
    expect(got).toEqual([true, true, 1n, false, true, 2n, 9n, 1n, 2n, 2n]);
  });

  it('the local Result: unwrap of an Err panics with Rust\'s message', () => {
    expect(() => Err(5).unwrap()).toThrow('called `Result::unwrap()` on an `Err` value: 5');
    expect(() => Ok(5).unwrapErr()).toThrow('called `Result::unwrap_err()` on an `Ok` value: 5');
    expect(() => Err(5).expect('cas')).toThrow('cas: 5');
    expect(Err<number, number>(5).unwrapOrElse((e) => e + 1)).toBe(6);
  });

  it('atomicHistory: the execution option (--atomic-history N), else 7', () => {
    expect(atomicHistory({ atomicHistory: 2 } as never)).toBe(2);
    expect(atomicHistory({ atomicHistory: undefined } as never)).toBe(7);
  });
});

describe('panics and mistakes', () => {
  const panics = async (body: () => Promise<unknown>, message: string) => {
    const r = await run(body, { runs: 1 });
    expect(kinds(r)).toEqual(['panic']);
    expect(r.findings[0]!.message).toBe(message);
  };

  it('orderings Rust panics on, with Rust\'s message', async () => {
    await panics(() => new AtomicUsize(0).load(Release), 'there is no such thing as a release load');
    await panics(() => new AtomicUsize(0).load(AcqRel), 'there is no such thing as an acquire-release load');
    await panics(() => new AtomicBool(false).store(true, Acquire), 'there is no such thing as an acquire store');
    await panics(() => new AtomicUsize(0).store(1, AcqRel), 'there is no such thing as an acquire-release store');
    await panics(() => new AtomicUsize(0).compareExchange(0, 1, SeqCst, Release), 'there is no such thing as a release failure ordering');
    await panics(() => new AtomicUsize(0).compareExchangeWeak(0, 1, SeqCst, AcqRel), 'there is no such thing as an acquire-release failure ordering');
    await panics(() => fence(Relaxed), 'there is no such thing as a relaxed fence');
  });

  it('the panic can be caught, as a Rust panic can (catch_unwind)', async () => {
    const r = await run(async () => {
      try {
        await new AtomicUsize(0).load(Release);
      } catch (e) {
        assert((e as Error).message === 'there is no such thing as a release load');
        return;
      }
      assert(false, 'no panic');
    }, { runs: 1 });
    expect(r.findings).toEqual([]);
  });

  it('values of the wrong type or out of range panic', async () => {
    await panics(() => new AtomicU32(0).store(-1, Relaxed), '-1 is out of range for u32 (0..=4294967295)');
    await panics(async () => new AtomicU64(0 as unknown as bigint), 'u64 values are bigints, got 0');
    await panics(() => new AtomicUsize(0).fetchAdd(1.5, Relaxed), 'usize values are integer numbers, got 1.5');
    await panics(() => new AtomicUsize(0).store(-1, Relaxed), '-1 is out of range for usize (0..=18446744073709551615)');
    await panics(() => new AtomicBool(false).store(1 as unknown as boolean, Relaxed), 'AtomicBool values are booleans, got 1');
  });

  it('an unknown ordering is a scenario error', async () => {
    const r = await run(() => new AtomicUsize(0).load('Sequential' as Ordering), { runs: 1 });
    expect(r.error?.message).toMatch(/AtomicUsize\.load: unknown Ordering "Sequential"/);
  });
});

describe('the timeline', () => {
  it('says the ordering of each access and which store a load read', async () => {
    // The reader sees the "done" flag (Relaxed: no synchronisation) and may still read x's initial value.
    const r = await run(async () => {
      const x = new AtomicUsize(0, 'x');
      const done = new AtomicBool(false, 'done');
      const h = spawn(async () => {
        await x.store(1, Relaxed);
        await done.store(true, Relaxed);
      }, 'T1');
      while (!(await done.load(Relaxed)));
      const v = await x.load(Relaxed);
      await h.join();
      assert(v === 1, 'stale x');
    }, { runs: 100 });
    expect(kinds(r)).toEqual(['assertion']);
    const lines = r.trace!.map((e) => `${e.step} ${e.threadName}: ${e.what}`);
    const storeX = r.trace!.find((e) => e.what.startsWith('store x'))!;
    const storeDone = r.trace!.find((e) => e.what.startsWith('store done'))!;
    expect(storeX.what).toBe('store x ← 1 (Relaxed)');
    expect(lines).toContain(`${storeDone.step + 0} T1: store done ← true (Relaxed)`);
    expect(r.trace!.map((e) => e.what)).toContain(`load done (Relaxed) → true, read the store by 'T1' at step ${storeDone.step}`);
    expect(r.trace!.map((e) => e.what)).toContain('load x (Relaxed) → 0, read the initial value, 1 store newer');
  });

  it('read-modify-writes and compare-exchanges show what they read and stored', async () => {
    const r = await run(async () => {
      const x = new AtomicUsize(1, 'x');
      await x.fetchAdd(2, SeqCst);
      await x.compareExchange(0, 5, AcqRel, Relaxed);
      await fence(SeqCst);
      assert(false, 'show the timeline');
    }, { runs: 1 });
    expect(r.trace!.map((e) => e.what)).toEqual(expect.arrayContaining([
      'fetchAdd(2) x (SeqCst): 1 → 3',
      'compareExchange(0, 5) x (AcqRel/Relaxed) → Err(3)',
      'fence(SeqCst)',
    ]));
  });
});
