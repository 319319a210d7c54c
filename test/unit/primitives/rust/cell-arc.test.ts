/** UnsafeCell (src/primitives/rust/unsafe-cell.ts) and Arc (src/primitives/rust/arc.ts). */
import { describe, expect, it } from 'vitest';
import { assert, spawn } from '../../../../src/api/goroutines.js';
import { Mutex } from '../../../../src/primitives/go/mutex.js';
import { Arc } from '../../../../src/primitives/rust/arc.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { DROP } from '../../../../src/primitives/rust/ownership.js';
import { AtomicUsize, Ordering } from '../../../../src/primitives/rust/atomic.js';
import { UnsafeCell } from '../../../../src/primitives/rust/unsafe-cell.js';
import { kinds, run } from '../../../helpers.js';
import { scenario } from '../../../../src/api/scenario.js';
import { dporSplit } from '../../scheduler/explore-helpers.js';

describe('UnsafeCell', () => {
  it('get, set, with (a read of f(value)), withMut (a write of f(value))', async () => {
    let got: unknown[] = [];
    const r = await run(async () => {
      const c = new UnsafeCell({ n: 1 }, 'c');
      const a = await c.get();
      await c.set({ n: 2 });
      const b = await c.with((v) => v.n * 10);
      const d = await c.withMut((v) => ({ n: v.n + 1 }));
      got = [a, b, d, await c.get(), c.name, new UnsafeCell(0).name];
    }, { runs: 1 });
    expect(r.findings).toEqual([]);
    expect(got).toEqual([{ n: 1 }, 20, { n: 3 }, { n: 3 }, 'c', 'cell#1']);
  });

  it('an exception in f is thrown into the thread and the cell keeps its value', async () => {
    let got: unknown[] = [];
    await run(async () => {
      const c = new UnsafeCell(1, 'c');
      try {
        await c.withMut(() => {
          throw new Error('boom');
        });
      } catch (e) {
        got.push((e as Error).message);
      }
      got.push(await c.get());
    }, { runs: 1 });
    expect(got).toEqual(['boom', 1]);
  });

  it('accesses ordered by a lock do not race; unordered ones do (data-race, as shared)', async () => {
    const locked = await run(async () => {
      const mu = new Mutex();
      const c = new UnsafeCell(0, 'c');
      const h = spawn(async () => {
        await mu.lock();
        await c.withMut((v) => v + 1);
        await mu.unlock();
      });
      await mu.lock();
      await c.withMut((v) => v + 1);
      await mu.unlock();
      await h.join();
    }, { runs: 100 });
    expect(kinds(locked)).toEqual([]);
    const racy = await run(async () => {
      const c = new UnsafeCell(0, 'c');
      const h = spawn(() => c.set(1), 'writer');
      await c.get();
      await h.join();
    }, { runs: 100 });
    expect(kinds(racy)).toEqual(['data-race']);
    expect(racy.findings[0]!.message).toMatch(/^data race on 'c': /);
  });
});

describe('Arc', () => {
  it('new, clone, strongCount, ptrEq, deref; the handle reads as the value', async () => {
    let got: unknown[] = [];
    const r = await run(async () => {
      const a = Arc.new(new AtomicUsize(0, 'n'));
      const b = Arc.clone(a);
      await b.fetchAdd(1, Ordering.SeqCst);
      got.push(Arc.strongCount(a), Arc.ptrEq(a, b), await a.load(Ordering.SeqCst), Arc.deref(a) === Arc.deref(b));
      const p = Arc.new(5);
      got.push(p.value, Arc.deref(p), Arc.strongCount(p));
      await drop(b);
      got.push(Arc.strongCount(a));
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(got).toEqual([2, true, 1, true, 5, 5, 1, 1]);
  });

  it('the last handle\'s drop drops the value too', async () => {
    const dropped: string[] = [];
    const r = await run(async () => {
      const v = { [DROP]: () => void dropped.push('value') };
      const a = Arc.new(v);
      const b = Arc.clone(a);
      await drop(a);
      dropped.push('a');
      await drop(b);
      dropped.push('b');
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(dropped).toEqual(['a', 'value', 'b']);
  });

  it('use after drop and double drop are scenario errors', async () => {
    const r = await run(async () => {
      const a = Arc.new({ v: 1 });
      await drop(a);
      Arc.clone(a);
    }, { runs: 1 });
    expect(r.error?.message).toMatch(/Arc\.clone: use of an Arc after it was dropped/);
    const r2 = await run(async () => {
      const a = Arc.new({ v: 1 });
      await drop(a);
      await drop(a);
    }, { runs: 1 });
    expect(r2.error?.message).toMatch(/drop of an Arc that was already dropped/);
  });

  it('the count is shared state for the explorers: an assertion on it is found in the order that fails it', async () => {
    const s = scenario('arc count', async () => {
      const a = Arc.new({ v: 1 });
      const b = Arc.clone(a);
      const h = spawn(async () => {
        await drop(b);
      });
      await new UnsafeCell(0).get(); // a step on an object of its own: independent of the drop
      assert(Arc.strongCount(a) === 2, 'count changed');
      await h.join();
    });
    // One DPOR task (no split, which would run both orders of the first steps anyway).
    const d = await dporSplit(s, 1);
    expect([...new Set(d.outcomes.map((o) => o.findings))].sort()).toEqual(['', 'assertion']);
  });
});
