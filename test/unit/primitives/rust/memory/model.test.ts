/** The engine's API, driven by hand-written interleavings (and a few exhaustive ones). */
import { describe, expect, it } from 'vitest';
import { VectorClock } from '../../../../../src/runtime/clock.js';
import { DEFAULT_MAX_HISTORY, MemoryModel } from '../../../../../src/primitives/rust/memory/model.js';
import { Ordering, OrderingError, type Ordering as O } from '../../../../../src/primitives/rust/memory/ordering.js';
import { exploreAll, outcomes, Sim, sorted } from './sim.js';

const { Relaxed, Release, Acquire, AcqRel, SeqCst } = Ordering;
const noChoice = (): number => {
  throw new Error('no choice expected');
};
const values = <T>(s: Sim, tid: number, loc: Parameters<Sim['load']>[1], o: O): T[] =>
  s.m.loadCandidates(loc, tid, s.clock(tid), o).map((c) => c.value as T);

describe('orderings', () => {
  const s = new Sim(noChoice);
  const x = s.loc(0);
  it('exports the five orderings by name', () => {
    expect(Object.values(Ordering)).toEqual(['Relaxed', 'Release', 'Acquire', 'AcqRel', 'SeqCst']);
  });
  it('a load with Release or AcqRel is a panic with Rust’s message', () => {
    expect(() => s.m.load(x, 0, s.clock(0), Release)).toThrow(new OrderingError('there is no such thing as a release load'));
    expect(() => s.m.loadCandidates(x, 0, s.clock(0), AcqRel)).toThrow('there is no such thing as an acquire-release load');
  });
  it('a store with Acquire or AcqRel is a panic', () => {
    expect(() => s.m.store(x, 0, s.clock(0), 1, Acquire)).toThrow('there is no such thing as an acquire store');
    expect(() => s.m.store(x, 0, s.clock(0), 1, AcqRel)).toThrow('there is no such thing as an acquire-release store');
  });
  it('a compare-exchange failure ordering cannot be Release or AcqRel (but may be stronger than success)', () => {
    expect(() => s.m.compareExchange(x, 0, s.clock(0), 0, 1, AcqRel, Release)).toThrow('there is no such thing as a release failure ordering');
    expect(() => s.m.compareExchange(x, 0, s.clock(0), 0, 1, SeqCst, AcqRel)).toThrow(
      'there is no such thing as an acquire-release failure ordering',
    );
    expect(s.m.compareExchange(x, 0, s.clock(0), 9, 1, Relaxed, SeqCst)).toEqual({ ok: false, value: 0 });
  });
  it('fence(Relaxed) is a panic; an unknown ordering is an error naming the five', () => {
    expect(() => s.m.fence(0, s.clock(0), Relaxed)).toThrow('there is no such thing as a relaxed fence');
    expect(() => s.m.load(x, 0, s.clock(0), 'seqcst' as O)).toThrow(/unknown Ordering "seqcst".*Ordering\.SeqCst/);
  });
  it('a rejected operation changes nothing', () => {
    expect(s.m.history(x).map((h) => h.value)).toEqual([0]);
  });
});

describe('loads: candidates, picks and synchronisation', () => {
  it('candidates are newest first; pick 0 is the newest store; a bad pick is a RangeError', () => {
    const s = new Sim(noChoice);
    const x = s.loc(0);
    const t = s.spawn();
    s.store(0, x, 1, Relaxed);
    s.store(0, x, 2, Relaxed);
    expect(s.m.loadCandidates(x, t, s.clock(t), Relaxed).map((c) => [c.mo, c.value, c.thread])).toEqual([
      [2, 2, 0],
      [1, 1, 0],
      [0, 0, 0],
    ]);
    expect(() => s.m.load(x, t, s.clock(t), Relaxed, 3)).toThrow(RangeError);
    expect(s.m.load(x, t, s.clock(t), Relaxed, 1)).toBe(1);
    // Having read 1, the thread can no longer read 0.
    expect(values(s, t, x, Relaxed)).toEqual([2, 1]);
    expect(s.m.load(x, t, s.clock(t), Relaxed)).toBe(2);
  });
  it('a Release store ticks the storer; an Acquire load of it joins the storer’s clock; a Relaxed load does not', () => {
    const s = new Sim(noChoice);
    const x = s.loc(0);
    const a = s.spawn();
    const b = s.spawn();
    const c = s.spawn();
    const before = s.clock(a).copy();
    s.store(a, x, 1, Release);
    expect(s.clock(a).get(a)).toBe(before.get(a) + 1);
    s.m.load(x, c, s.clock(c), Relaxed, 0);
    expect(before.leq(s.clock(c))).toBe(false);
    s.m.load(x, b, s.clock(b), Acquire, 0);
    expect(before.leq(s.clock(b))).toBe(true);
    // Not the storer's later events: its clock after the release is not covered.
    expect(s.clock(a).leq(s.clock(b))).toBe(false);
  });
  it('reading an older store synchronises with that store, not the newest', () => {
    const s = new Sim(noChoice);
    const x = s.loc(0);
    const a = s.spawn();
    const b = s.spawn();
    const r = s.spawn();
    const atA = s.clock(a).copy();
    s.store(a, x, 1, Release);
    const atB = s.clock(b).copy();
    s.store(b, x, 2, Release);
    expect(s.m.load(x, r, s.clock(r), Acquire, 1)).toBe(1);
    expect(atA.leq(s.clock(r))).toBe(true);
    expect(atB.leq(s.clock(r))).toBe(false);
  });
  it('a thread whose own clock entry is 0 is started at 1', () => {
    const m = new MemoryModel();
    const c0 = new VectorClock();
    const x = m.location(0, 0, c0);
    expect(c0.get(0)).toBe(1);
    const c1 = c0.copy();
    m.store(x, 1, c1, 5, Relaxed);
    expect(c1.get(1)).toBe(1);
    // Thread 0 did not see thread 1's store: it may still read 0.
    expect(m.loadCandidates(x, 0, c0, Relaxed).map((c) => c.value)).toEqual([5, 0]);
  });
});

describe('SeqCst', () => {
  it('a SeqCst load reads nothing older than the newest SeqCst store; an Acquire load may', () => {
    const s = new Sim(noChoice);
    const x = s.loc(0);
    const w = s.spawn();
    const r = s.spawn();
    s.store(w, x, 1, SeqCst);
    expect(values(s, r, x, SeqCst)).toEqual([1]);
    expect(values(s, r, x, Acquire)).toEqual([1, 0]);
  });
  it('a SeqCst load reads nothing older than what an earlier SeqCst load read', () => {
    const s = new Sim(noChoice);
    const x = s.loc(0);
    const w = s.spawn();
    const a = s.spawn();
    const b = s.spawn();
    s.store(w, x, 1, Relaxed);
    expect(values(s, b, x, SeqCst)).toEqual([1, 0]);
    expect(s.m.load(x, a, s.clock(a), SeqCst, 0)).toBe(1);
    expect(values(s, b, x, SeqCst)).toEqual([1]);
    expect(values(s, b, x, Relaxed)).toEqual([1, 0]);
  });
  it('a later Relaxed store is still readable by a SeqCst load after a SeqCst store', () => {
    const s = new Sim(noChoice);
    const x = s.loc(0);
    const [a, b, r] = [s.spawn(), s.spawn(), s.spawn()];
    s.store(a, x, 1, SeqCst);
    s.store(b, x, 2, Relaxed);
    expect(values(s, r, x, SeqCst)).toEqual([2, 1]);
  });
  it('a SeqCst fence makes a thread’s later loads read at least what earlier SeqCst fences saw', () => {
    const s = new Sim(noChoice);
    const x = s.loc(0);
    const [w, a, b] = [s.spawn(), s.spawn(), s.spawn()];
    s.store(w, x, 1, Relaxed);
    s.fence(w, SeqCst); // w's fence: the store of 1 is before it
    expect(values(s, a, x, Relaxed)).toEqual([1, 0]);
    s.fence(a, SeqCst); // a's fence is after w's in S
    expect(values(s, a, x, Relaxed)).toEqual([1]);
    expect(values(s, b, x, SeqCst)).toEqual([1]); // 4.2: a SeqCst load after w's fence
    expect(values(s, b, x, Acquire)).toEqual([1, 0]);
  });
  it('a SeqCst fence orders the fencing thread after earlier SeqCst stores (4.3)', () => {
    const s = new Sim(noChoice);
    const x = s.loc(0);
    const [w, a] = [s.spawn(), s.spawn()];
    s.store(w, x, 1, SeqCst);
    expect(values(s, a, x, Relaxed)).toEqual([1, 0]);
    s.fence(a, SeqCst);
    expect(values(s, a, x, Relaxed)).toEqual([1]);
  });
  it('what a SeqCst fence bounds travels with happens-before to other threads', () => {
    const s = new Sim(noChoice);
    const x = s.loc(0);
    const flag = s.loc(0);
    const [w, a, b] = [s.spawn(), s.spawn(), s.spawn()];
    s.store(w, x, 1, SeqCst);
    s.fence(a, SeqCst);
    s.store(a, flag, 1, Release);
    expect(values(s, b, x, Relaxed)).toEqual([1, 0]);
    expect(s.m.load(flag, b, s.clock(b), Acquire, 0)).toBe(1);
    expect(values(s, b, x, Relaxed)).toEqual([1]);
  });
});

describe('read-modify-writes', () => {
  it('an RMW reads the newest store even where a load could read an older one', () => {
    const s = new Sim(noChoice);
    const x = s.loc(0);
    const [w, t] = [s.spawn(), s.spawn()];
    s.store(w, x, 1, Relaxed);
    expect(values(s, t, x, Relaxed)).toEqual([1, 0]);
    expect(s.m.compareExchange(x, t, s.clock(t), 0, 5, Relaxed, Relaxed)).toEqual({ ok: false, value: 1 });
    expect(s.m.compareExchange(x, t, s.clock(t), 1, 5, Relaxed, Relaxed)).toEqual({ ok: true, value: 1 });
    expect(s.m.swap(x, t, s.clock(t), 7, Relaxed)).toBe(5);
    expect(s.rmw(t, x, Relaxed, (v) => v * 2)).toBe(7);
    expect(s.m.latest(x)).toBe(14);
    expect(s.m.history(x).map((h) => [h.value, h.rmw])).toEqual([
      [0, false],
      [1, false],
      [5, true],
      [7, true],
      [14, true],
    ]);
  });
  it('Relaxed fetch_add by three threads never loses an increment, in any interleaving', () => {
    const got = outcomes((s) => {
      const x = s.loc(0);
      const ts = [s.spawn(), s.spawn(), s.spawn()];
      const olds: number[] = [];
      return {
        threads: ts.map((t) => [() => void olds.push(s.rmw(t, x, Relaxed, (v) => v + 1))]),
        outcome: () => `${[...olds].sort().join('')}:${s.m.latest(x)}`,
      };
    });
    expect(sorted(got)).toEqual(['012:3']);
  });
  it('two Relaxed compare-exchanges from 0: exactly one succeeds', () => {
    const got = outcomes((s) => {
      const x = s.loc(0);
      const [a, b] = [s.spawn(), s.spawn()];
      const ok: string[] = [];
      const cas = (t: number) => () => void ok.push(s.m.compareExchange(x, t, s.clock(t), 0, t, Relaxed, Relaxed).ok ? `t${t}` : '');
      return { threads: [[cas(a)], [cas(b)]], outcome: () => ok.join('') + `:${s.m.latest(x)}` };
    });
    expect(sorted(got)).toEqual(['t1:1', 't2:2']);
  });
  it('a weak compare-exchange may fail spuriously: Err(actual = current), nothing stored', () => {
    const s = new Sim(noChoice);
    const x = s.loc(3);
    expect(s.m.compareExchange(x, 0, s.clock(0), 3, 4, SeqCst, Relaxed, { spuriousFailure: true })).toEqual({ ok: false, value: 3 });
    expect(s.m.history(x).length).toBe(1);
    expect(s.m.compareExchange(x, 0, s.clock(0), 3, 4, SeqCst, Relaxed)).toEqual({ ok: true, value: 3 });
  });
  it('compare-exchange compares with a caller-given equality', () => {
    const s = new Sim(noChoice);
    const x = s.loc({ id: 1 });
    const r = s.m.compareExchange(x, 0, s.clock(0), { id: 1 }, { id: 2 }, Relaxed, Relaxed, { eq: (p, q) => p.id === q.id });
    expect(r.ok).toBe(true);
  });
  it('a failed compare-exchange with an Acquire failure ordering synchronises; a Relaxed one does not', () => {
    for (const [failure, synced] of [
      [Acquire, true],
      [Relaxed, false],
    ] as const) {
      const s = new Sim(noChoice);
      const x = s.loc(0);
      const [w, t] = [s.spawn(), s.spawn()];
      const atW = s.clock(w).copy();
      s.store(w, x, 1, Release);
      expect(s.m.compareExchange(x, t, s.clock(t), 0, 2, AcqRel, failure).ok).toBe(false);
      expect(atW.leq(s.clock(t))).toBe(synced);
    }
  });
  it('an AcqRel RMW acquires before it releases: its reader gets both threads’ histories', () => {
    const s = new Sim(noChoice);
    const x = s.loc(0);
    const [a, b, c] = [s.spawn(), s.spawn(), s.spawn()];
    const atA = s.clock(a).copy();
    s.store(a, x, 1, Release);
    const atB = s.clock(b).copy();
    s.rmw(b, x, AcqRel, (v) => v + 1);
    expect(atA.leq(s.clock(b))).toBe(true);
    expect(s.m.load(x, c, s.clock(c), Acquire, 0)).toBe(2);
    expect(atA.leq(s.clock(c)) && atB.leq(s.clock(c))).toBe(true);
  });
  it('an RMW whose function throws changes nothing', () => {
    const s = new Sim(noChoice);
    const x = s.loc(0);
    const before = s.clock(0).copy();
    expect(() =>
      s.rmw(0, x, SeqCst, () => {
        throw new Error('overflow');
      }),
    ).toThrow('overflow');
    expect(s.m.history(x).length).toBe(1);
    expect(s.clock(0).toString()).toBe(before.toString());
  });
});

describe('fences, hand-written', () => {
  it('fence(Release) then a Relaxed store, read by a Relaxed load then fence(Acquire): synchronises at the fence', () => {
    const s = new Sim(noChoice);
    const flag = s.loc(0);
    const [w, r] = [s.spawn(), s.spawn()];
    const beforeFence = s.clock(w).copy();
    s.fence(w, Release);
    const afterFence = s.clock(w).copy();
    s.store(w, flag, 1, Relaxed);
    expect(s.m.load(flag, r, s.clock(r), Relaxed, 0)).toBe(1);
    expect(beforeFence.leq(s.clock(r))).toBe(false);
    s.fence(r, Acquire);
    expect(beforeFence.leq(s.clock(r))).toBe(true);
    expect(afterFence.leq(s.clock(r))).toBe(false);
  });
  it('an Acquire fence after a Relaxed load of a store with no release before it: nothing to join', () => {
    const s = new Sim(noChoice);
    const flag = s.loc(0);
    const [w, r] = [s.spawn(), s.spawn()];
    const atW = s.clock(w).copy();
    s.store(w, flag, 1, Relaxed);
    s.fence(w, Release); // too late: the store was before the fence
    s.m.load(flag, r, s.clock(r), Relaxed, 0);
    s.fence(r, Acquire);
    expect(atW.leq(s.clock(r))).toBe(false);
  });
  it('an Acquire fence before the Relaxed load does not synchronise with what it reads', () => {
    const s = new Sim(noChoice);
    const flag = s.loc(0);
    const [w, r] = [s.spawn(), s.spawn()];
    const atW = s.clock(w).copy();
    s.store(w, flag, 1, Release);
    s.fence(r, Acquire);
    s.m.load(flag, r, s.clock(r), Relaxed, 0);
    expect(atW.leq(s.clock(r))).toBe(false);
  });
});

describe('history bound', () => {
  it(`keeps ${DEFAULT_MAX_HISTORY} stores by default: the oldest are forgotten and can no longer be read`, () => {
    const s = new Sim(noChoice);
    const x = s.loc(0);
    const t = s.spawn();
    for (let v = 1; v <= 10; v++) s.store(0, x, v, Relaxed);
    expect(values(s, t, x, Relaxed)).toEqual([10, 9, 8, 7, 6, 5, 4]);
    expect(s.m.history(x).map((h) => h.mo)).toEqual([4, 5, 6, 7, 8, 9, 10]);
  });
  it('maxHistory is configurable, and is at least 1', () => {
    const s = new Sim(noChoice, { maxHistory: 2 });
    const x = s.loc(0);
    const t = s.spawn();
    for (let v = 1; v <= 3; v++) s.store(0, x, v, Relaxed);
    expect(values(s, t, x, Relaxed)).toEqual([3, 2]);
    expect(() => new MemoryModel({ maxHistory: 0 })).toThrow(RangeError);
  });
  it('with history 1 every load reads the newest store (sequential consistency)', () => {
    const got = outcomes(
      (s) => {
        const x = s.loc(0);
        const y = s.loc(0);
        const [a, b] = [s.spawn(), s.spawn()];
        let r1 = -1;
        let r2 = -1;
        return {
          threads: [
            [() => s.store(a, x, 1, Relaxed), () => (r1 = s.load(a, y, Relaxed))],
            [() => s.store(b, y, 1, Relaxed), () => (r2 = s.load(b, x, Relaxed))],
          ],
          outcome: () => `${r1}${r2}`,
        };
      },
      { maxHistory: 1 },
    );
    expect(sorted(got)).toEqual(['01', '10', '11']);
  });
  it('a SeqCst floor that was forgotten bounds nothing', () => {
    const s = new Sim(noChoice, { maxHistory: 3 });
    const x = s.loc(0);
    const [w, r] = [s.spawn(), s.spawn()];
    s.store(w, x, 1, SeqCst);
    for (let v = 2; v <= 5; v++) s.store(w, x, v, Relaxed);
    // w's own stores are all visible to w; r may read the three remembered ones.
    expect(values(s, r, x, SeqCst)).toEqual([5, 4, 3]);
  });
});

describe('determinism', () => {
  it('the same choices give the same results', () => {
    const run = () =>
      exploreAll((choose) => {
        const s = new Sim(choose);
        const x = s.loc(0);
        const [a, b] = [s.spawn(), s.spawn()];
        s.store(a, x, 1, Relaxed);
        s.store(b, x, 2, Release);
        return [s.load(b, x, Relaxed), s.load(a, x, Acquire), s.clock(a).toString()].join('|');
      });
    expect(run()).toEqual(run());
    expect(run().length).toBe(2);
  });
});
