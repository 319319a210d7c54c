/**
 * Litmus tests of the memory-model engine: each runs under every interleaving and every store each
 * load may read, and asserts the exact set of outcomes the C++20 / Rust model allows (within what
 * the engine models: no load buffering).
 */
import { describe, expect, it } from 'vitest';
import { VectorClock } from '../../../../../src/runtime/clock.js';
import { Ordering, type Ordering as O } from '../../../../../src/primitives/rust/memory/ordering.js';
import { outcomes, sorted, type Litmus, type Sim } from './sim.js';

const { Relaxed, Release, Acquire, AcqRel, SeqCst } = Ordering;

/** Store buffering: x = 1; r1 = y  ||  y = 1; r2 = x; optional fences between. */
function sb(st: O, ld: O, fence1: O | null = null, fence2: O | null = null, st2: O = st, ld2: O = ld) {
  return (s: Sim): Litmus => {
    const x = s.loc(0, 'x');
    const y = s.loc(0, 'y');
    const t1 = s.spawn();
    const t2 = s.spawn();
    let r1 = -1;
    let r2 = -1;
    return {
      threads: [
        [() => s.store(t1, x, 1, st), ...(fence1 ? [() => s.fence(t1, fence1)] : []), () => (r1 = s.load(t1, y, ld))],
        [() => s.store(t2, y, 1, st2), ...(fence2 ? [() => s.fence(t2, fence2)] : []), () => (r2 = s.load(t2, x, ld2))],
      ],
      outcome: () => `${r1}${r2}`,
    };
  };
}

describe('store buffering', () => {
  it('Relaxed: all four outcomes', () => {
    expect(sorted(outcomes(sb(Relaxed, Relaxed)))).toEqual(['00', '01', '10', '11']);
  });
  it('Release/Acquire: all four outcomes (release/acquire does not order a store before a later load)', () => {
    expect(sorted(outcomes(sb(Release, Acquire)))).toEqual(['00', '01', '10', '11']);
  });
  it('SeqCst stores and loads: r1 = r2 = 0 is forbidden', () => {
    expect(sorted(outcomes(sb(SeqCst, SeqCst)))).toEqual(['01', '10', '11']);
  });
  it('SeqCst stores with Relaxed loads: 00 is allowed (the loads are not in S)', () => {
    expect(sorted(outcomes(sb(SeqCst, Relaxed)))).toEqual(['00', '01', '10', '11']);
  });
  it('Relaxed accesses with a SeqCst fence between them in both threads: 00 is forbidden', () => {
    expect(sorted(outcomes(sb(Relaxed, Relaxed, SeqCst, SeqCst)))).toEqual(['01', '10', '11']);
  });
  it('a SeqCst fence in one thread only: 00 is allowed', () => {
    expect(sorted(outcomes(sb(Relaxed, Relaxed, SeqCst, null)))).toEqual(['00', '01', '10', '11']);
  });
  it('AcqRel fences do not forbid 00', () => {
    expect(sorted(outcomes(sb(Relaxed, Relaxed, AcqRel, AcqRel)))).toEqual(['00', '01', '10', '11']);
  });
  it('mixed: SeqCst accesses in one thread, Relaxed accesses around a SeqCst fence in the other: 00 is forbidden (C++20 4.2, 4.3)', () => {
    expect(sorted(outcomes(sb(SeqCst, SeqCst, null, SeqCst, Relaxed, Relaxed)))).toEqual(['01', '10', '11']);
  });
  it('with every load reading choice 0 the engine is sequentially consistent', () => {
    expect(sorted(outcomes(sb(Relaxed, Relaxed), { pickLoads: false }))).toEqual(['01', '10', '11']);
  });
});

/** Message passing: data = 1; flag = 1  ||  f = flag; d = data; hb: did the data write happen before the reader's end? */
function mp(st: O, ld: O, writerFence: O | null = null, readerFence: O | null = null) {
  return (s: Sim): Litmus => {
    const data = s.loc(0, 'data');
    const flag = s.loc(0, 'flag');
    const w = s.spawn();
    const r = s.spawn();
    let f = -1;
    let d = -1;
    let dataClock: VectorClock | null = null;
    return {
      threads: [
        [
          () => {
            dataClock = s.clock(w).copy();
            s.store(w, data, 1, Relaxed);
          },
          ...(writerFence ? [() => s.fence(w, writerFence)] : []),
          () => s.store(w, flag, 1, st),
        ],
        [() => (f = s.load(r, flag, ld)), ...(readerFence ? [() => s.fence(r, readerFence)] : []), () => (d = s.load(r, data, Relaxed))],
      ],
      outcome: () => `f${f}d${d}${dataClock!.leq(s.clock(r)) ? '+hb' : ''}`,
    };
  };
}

describe('message passing', () => {
  it('Relaxed flag: the reader may see flag = 1 and data = 0, and never gets a happens-before edge', () => {
    expect(sorted(outcomes(mp(Relaxed, Relaxed)))).toEqual(['f0d0', 'f0d1', 'f1d0', 'f1d1']);
  });
  it('Release store / Acquire load: flag = 1 implies data = 1, with synchronisation', () => {
    expect(sorted(outcomes(mp(Release, Acquire)))).toEqual(['f0d0', 'f0d1', 'f1d1+hb']);
  });
  it('SeqCst store / SeqCst load synchronise like Release/Acquire', () => {
    expect(sorted(outcomes(mp(SeqCst, SeqCst)))).toEqual(['f0d0', 'f0d1', 'f1d1+hb']);
  });
  it('Release store / Relaxed load: no synchronisation', () => {
    expect(sorted(outcomes(mp(Release, Relaxed)))).toEqual(['f0d0', 'f0d1', 'f1d0', 'f1d1']);
  });
  it('fence(Release) + Relaxed store, Relaxed load + fence(Acquire): synchronise', () => {
    expect(sorted(outcomes(mp(Relaxed, Relaxed, Release, Acquire)))).toEqual(['f0d0', 'f0d1', 'f1d1+hb']);
  });
  it('fence(Release) + Relaxed store read by an Acquire load: synchronise', () => {
    expect(sorted(outcomes(mp(Relaxed, Acquire, Release, null)))).toEqual(['f0d0', 'f0d1', 'f1d1+hb']);
  });
  it('Release store read by a Relaxed load + fence(Acquire): synchronise', () => {
    expect(sorted(outcomes(mp(Release, Relaxed, null, Acquire)))).toEqual(['f0d0', 'f0d1', 'f1d1+hb']);
  });
  it('a fence on one side only does not synchronise', () => {
    expect(outcomes(mp(Relaxed, Relaxed, Release, null))).toContain('f1d0');
    expect(outcomes(mp(Relaxed, Relaxed, null, Acquire))).toContain('f1d0');
  });
});

/** Release sequence: data = 1; x.store(1, Release)  ||  x.<rmw or store>(2)  ||  r = x.load(Acquire); d = data. */
function releaseSequence(middle: 'rmw' | 'store', middleOrder: O = Relaxed) {
  return (s: Sim): Litmus => {
    const data = s.loc(0, 'data');
    const x = s.loc(0, 'x');
    const t1 = s.spawn();
    const t2 = s.spawn();
    const t3 = s.spawn();
    let dataClock: VectorClock | null = null;
    let r = -1;
    let d = -1;
    return {
      threads: [
        [
          () => {
            dataClock = s.clock(t1).copy();
            s.store(t1, data, 1, Relaxed);
          },
          () => s.store(t1, x, 1, Release),
        ],
        [() => (middle === 'rmw' ? s.rmw(t2, x, middleOrder, (v) => v + 1) : s.store(t2, x, 2, middleOrder))],
        [() => (r = s.load(t3, x, Acquire)), () => (d = s.load(t3, data, Relaxed))],
      ],
      outcome: () => `r${r}d${d}${dataClock!.leq(s.clock(t3)) ? '+hb' : ''}`,
    };
  };
}

describe('release sequences', () => {
  it('a Relaxed RMW by another thread continues the release sequence: reading it synchronises with the Release store', () => {
    const got = outcomes(releaseSequence('rmw'));
    // r = 2 only when the RMW read the Release store: then the reader synchronises with that store.
    expect(sorted(new Set([...got].filter((o) => o.startsWith('r2'))))).toEqual(['r2d1+hb']);
    // r = 1 is the RMW that read the initial 0 (no release) or the Release store itself.
    expect(got).toContain('r1d0');
    expect(got).toContain('r1d1+hb');
  });
  it('a plain Relaxed store by another thread ends it: reading it does not synchronise', () => {
    const got = outcomes(releaseSequence('store'));
    expect(got).toContain('r2d0');
    expect([...got].filter((o) => o.startsWith('r2') && o.endsWith('+hb'))).toEqual([]);
  });
  it('a Release RMW of a thread that saw nothing still carries the head of the sequence', () => {
    const got = outcomes(releaseSequence('rmw', Release));
    expect(sorted(new Set([...got].filter((o) => o.startsWith('r2'))))).toEqual(['r2d1+hb']);
  });
});

describe('coherence', () => {
  it('k = 3 Relaxed loads of one location against one store: exactly the non-decreasing sequences', () => {
    const got = outcomes((s) => {
      const x = s.loc(0);
      const w = s.spawn();
      const r = s.spawn();
      const rs: number[] = [];
      return {
        threads: [[() => s.store(w, x, 1, Relaxed)], [0, 1, 2].map(() => () => void rs.push(s.load(r, x, Relaxed)))],
        outcome: () => rs.join(''),
      };
    });
    expect(sorted(got)).toEqual(['000', '001', '011', '111']);
  });
  it('write-write / read-read: two stores by one thread are never read newest first', () => {
    const got = outcomes((s) => {
      const x = s.loc(0);
      const w = s.spawn();
      const r = s.spawn();
      const rs: number[] = [];
      return {
        threads: [[() => s.store(w, x, 1, Relaxed), () => s.store(w, x, 2, Relaxed)], [() => void rs.push(s.load(r, x, Relaxed)), () => void rs.push(s.load(r, x, Relaxed))]],
        outcome: () => rs.join(''),
      };
    });
    expect(sorted(got)).toEqual(['00', '01', '02', '11', '12', '22']);
  });
  it('write-read: a thread never reads a value older than its own store', () => {
    const got = outcomes((s) => {
      const x = s.loc(0);
      const t1 = s.spawn();
      const t2 = s.spawn();
      let r = -1;
      return {
        threads: [[() => s.store(t1, x, 1, Relaxed), () => (r = s.load(t1, x, Relaxed))], [() => s.store(t2, x, 2, Relaxed)]],
        outcome: () => String(r),
      };
    });
    expect(sorted(got)).toEqual(['1', '2']);
  });
  it('read-read through happens-before: what a thread read, a thread that synchronises with it later cannot unread', () => {
    const run = (st: O, ld: O) =>
      outcomes((s) => {
        const x = s.loc(0);
        const y = s.loc(0);
        const w = s.spawn();
        const a = s.spawn();
        const b = s.spawn();
        let ra = -1;
        let f = -1;
        let rb = -1;
        return {
          threads: [[() => s.store(w, x, 1, Relaxed)], [() => (ra = s.load(a, x, Relaxed)), () => s.store(a, y, 1, st)], [() => (f = s.load(b, y, ld)), () => (rb = s.load(b, x, Relaxed))]],
          outcome: () => `${ra}${f}${rb}`,
        };
      });
    expect(run(Release, Acquire)).not.toContain('110');
    expect(run(Release, Acquire)).toContain('111');
    expect(run(Relaxed, Relaxed)).toContain('110');
  });
  it('the initial value is visible to threads spawned after the location was created', () => {
    const got = outcomes((s) => {
      const x = s.loc(0);
      s.store(0, x, 5, Relaxed); // main, before spawning: happens before the thread
      const t = s.spawn();
      let r = -1;
      return { threads: [[() => (r = s.load(t, x, Relaxed))]], outcome: () => String(r) };
    });
    expect(sorted(got)).toEqual(['5']);
  });
});

/** IRIW: x = 1 || y = 1 || r1 = x; [fence]; r2 = y || r3 = y; [fence]; r4 = x. */
function iriw(st: O, ld: O, fence: O | null = null) {
  return (s: Sim): Litmus => {
    const x = s.loc(0, 'x');
    const y = s.loc(0, 'y');
    const [w1, w2, r1, r2] = [s.spawn(), s.spawn(), s.spawn(), s.spawn()];
    const v = [-1, -1, -1, -1];
    return {
      threads: [
        [() => s.store(w1, x, 1, st)],
        [() => s.store(w2, y, 1, st)],
        [() => (v[0] = s.load(r1, x, ld)), ...(fence ? [() => s.fence(r1, fence)] : []), () => (v[1] = s.load(r1, y, ld))],
        [() => (v[2] = s.load(r2, y, ld)), ...(fence ? [() => s.fence(r2, fence)] : []), () => (v[3] = s.load(r2, x, ld))],
      ],
      outcome: () => v.join(''),
    };
  };
}

const ALL16 = Array.from({ length: 16 }, (_, i) => i.toString(2).padStart(4, '0')).sort();

describe('IRIW (independent reads of independent writes)', () => {
  it('SeqCst: the readers never disagree on the order of the two writes (1010 forbidden), everything else happens', () => {
    expect(sorted(outcomes(iriw(SeqCst, SeqCst)))).toEqual(ALL16.filter((o) => o !== '1010'));
  });
  it('Release/Acquire: the readers may disagree (1010 allowed)', () => {
    expect(sorted(outcomes(iriw(Release, Acquire)))).toEqual(ALL16);
  });
  it('Relaxed loads with a SeqCst fence between them: 1010 forbidden', () => {
    expect(sorted(outcomes(iriw(Relaxed, Relaxed, SeqCst)))).toEqual(ALL16.filter((o) => o !== '1010'));
  });
  it('Acquire loads with an AcqRel fence between them: 1010 allowed', () => {
    expect(sorted(outcomes(iriw(Release, Acquire, AcqRel)))).toEqual(ALL16);
  });
});

describe('release sequences through chains of read-modify-writes', () => {
  it('Release store, then Relaxed compare-exchanges by two other threads: an Acquire reader of the last one synchronises with the first store', () => {
    const got = outcomes((s) => {
      const x = s.loc(0);
      const [a, b, c, r] = [s.spawn(), s.spawn(), s.spawn(), s.spawn()];
      let atA: VectorClock | null = null;
      let v = -1;
      const cas = (t: number, from: number) => () => void s.m.compareExchange(x, t, s.clock(t), from, from + 1, Relaxed, Relaxed);
      return {
        threads: [
          [
            () => {
              atA = s.clock(a).copy();
              s.store(a, x, 1, Release);
            },
          ],
          [cas(b, 1)],
          [cas(c, 2)],
          [() => (v = s.load(r, x, Acquire))],
        ],
        outcome: () => `${v}${atA !== null && atA.leq(s.clock(r)) ? '+hb' : ''}`,
      };
    });
    expect(sorted(got)).toEqual(['0', '1+hb', '2+hb', '3+hb']);
  });
});

describe('documented limits', () => {
  it('no load buffering: a load never reads a store executed after it (C++ allows r1 = r2 = 1 here)', () => {
    const got = outcomes((s) => {
      const x = s.loc(0);
      const y = s.loc(0);
      const [a, b] = [s.spawn(), s.spawn()];
      let r1 = -1;
      let r2 = -1;
      return {
        threads: [
          [() => (r1 = s.load(a, x, Relaxed)), () => s.store(a, y, 1, Relaxed)],
          [() => (r2 = s.load(b, y, Relaxed)), () => s.store(b, x, 1, Relaxed)],
        ],
        outcome: () => `${r1}${r2}`,
      };
    });
    expect(sorted(got)).toEqual(['00', '01', '10']);
  });
  it('modification order is execution order: 2+2W never ends with both first stores last (C++ allows x = y = 1)', () => {
    const got = outcomes((s) => {
      const x = s.loc(0);
      const y = s.loc(0);
      const [a, b] = [s.spawn(), s.spawn()];
      return {
        threads: [
          [() => s.store(a, x, 1, Relaxed), () => s.store(a, y, 2, Relaxed)],
          [() => s.store(b, y, 1, Relaxed), () => s.store(b, x, 2, Relaxed)],
        ],
        outcome: () => `${s.m.latest(x)}${s.m.latest(y)}`,
      };
    });
    expect(sorted(got)).toEqual(['12', '21', '22']);
  });
});
