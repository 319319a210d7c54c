/**
 * The Rust atomics (src/primitives/rust/atomic.ts, fence.ts, unsafe-cell.ts) under real exploration:
 * execution counts on known families, the exact outcomes of the litmus tests the memory model
 * allows (and no others), data races through UnsafeCell, bugs found by random runs, and DPOR against
 * brute force (every schedule, every read-from choice) on litmus tests and random programs: the same
 * traces, each once, and the same outcomes.
 */
import seedrandom from 'seedrandom';
import { afterAll, describe, expect, it } from 'vitest';
import { assert, spawn } from '../../../src/api/goroutines.js';
import { scenario, type Scenario } from '../../../src/api/scenario.js';
import { exploreScenario } from '../../../src/harness/explore.js';
import { AtomicUsize, AtomicBool, Ordering } from '../../../src/primitives/rust/atomic.js';
import { fence } from '../../../src/primitives/rust/fence.js';
import { UnsafeCell } from '../../../src/primitives/rust/unsafe-cell.js';
import { WaitGroup } from '../../../src/primitives/go/waitgroup.js';
import { go } from '../../../src/api/goroutines.js';
import { runS, kinds } from '../../helpers.js';
import { bruteForce, dporSplit, exploreOptions } from './explore-helpers.js';

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
const { Relaxed, Release, Acquire, SeqCst } = Ordering;

/** A scenario whose main records one outcome string per execution, and the set of them. */
function withOutcomes(name: string, body: () => Promise<string>): { s: Scenario; outcomes: Set<string> } {
  const outcomes = new Set<string>();
  return { s: scenario(name, async () => void outcomes.add(await body())), outcomes };
}

async function explore(s: Scenario) {
  const r = await exploreScenario(s, exploreOptions());
  expect(r.error).toBeUndefined();
  expect(r.complete).toBe(true);
  return r;
}

/** Store buffering: T1 x := 1; r1 = y — T2 y := 1; r2 = x. */
function storeBuffering(store: Ordering, load: Ordering, fences = false) {
  return withOutcomes(`SB ${store}/${load}${fences ? ' + fences' : ''}`, async () => {
    const x = new AtomicUsize(0, 'x');
    const y = new AtomicUsize(0, 'y');
    const a = spawn(async () => {
      await x.store(1, store);
      if (fences) await fence(SeqCst);
      return y.load(load);
    }, 'T1');
    const b = spawn(async () => {
      await y.store(1, store);
      if (fences) await fence(SeqCst);
      return x.load(load);
    }, 'T2');
    return `${await a.join()}${await b.join()}`;
  });
}

/** One thread loads x k times (Relaxed), another stores 1. */
function kLoads(k: number) {
  return withOutcomes(`${k} loads`, async () => {
    const x = new AtomicUsize(0, 'x');
    const w = spawn(() => x.store(1, Relaxed), 'W');
    const r = spawn(async () => {
      let seen = '';
      for (let i = 0; i < k; i++) seen += String(await x.load(Relaxed));
      return seen;
    }, 'R');
    await w.join();
    return r.join();
  });
}

describe('families: executions', { timeout: 120_000 }, () => {
  // Go-style, with go and a WaitGroup (no Rust thread API in this tree yet).
  it.each([1, 2, 3, 4])('%i threads × one fetchAdd(SeqCst): n! executions, final value n', async (n) => {
    const finals = new Set<number>();
    const s = scenario(`${n} fetchAdd`, async () => {
      const x = new AtomicUsize(0, 'x');
      const wg = new WaitGroup();
      await wg.add(n);
      for (let i = 0; i < n; i++) {
        go(async () => {
          await x.fetchAdd(1, SeqCst);
          await wg.done();
        });
      }
      await wg.wait();
      finals.add(await x.load(SeqCst));
    });
    const r = await explore(s);
    expect(r.executions).toBe(factorial(n));
    expect([...finals]).toEqual([n]);
  });

  // One thread loads k times, another stores 1: a load may read 0 until one read 1 (read-read
  // coherence), so the outcomes are the k + 1 monotone sequences 0…01…1. The read-from traces are the
  // store's k + 1 positions among the loads times the sequences the loads after it may read,
  // Σ_{j=0..k} (k − j + 1) = (k + 1)(k + 2)/2 = 3, 6, 10 executions: one per read-from trace (optimal).
  it.each([
    [1, 3],
    [2, 6],
    [3, 10],
  ])('%i Relaxed loads against one store: exactly the monotone outcomes (%i executions)', async (k, executions) => {
    const { s, outcomes } = kLoads(k);
    const r = await explore(s);
    const monotone = Array.from({ length: k + 1 }, (_, ones) => '0'.repeat(k - ones) + '1'.repeat(ones)).sort();
    expect([...outcomes].sort()).toEqual(monotone);
    expect(r.executions).toBe(executions);
  });

  it('store buffering, Relaxed: 4 outcomes (r1 = r2 = 0 included)', async () => {
    const { s, outcomes } = storeBuffering(Relaxed, Relaxed);
    const r = await explore(s);
    expect([...outcomes].sort()).toEqual(['00', '01', '10', '11']);
    expect(r.executions).toBe(8);
  });

  it('store buffering, Release/Acquire: 4 outcomes', async () => {
    const { s, outcomes } = storeBuffering(Release, Acquire);
    const r = await explore(s);
    expect([...outcomes].sort()).toEqual(['00', '01', '10', '11']);
    expect(r.executions).toBe(8);
  });

  it('store buffering, SeqCst: 3 outcomes (never r1 = r2 = 0)', async () => {
    const { s, outcomes } = storeBuffering(SeqCst, SeqCst);
    const r = await explore(s);
    expect([...outcomes].sort()).toEqual(['01', '10', '11']);
    expect(r.executions).toBe(3); // SeqCst loads never have a choice here
  });

  it('store buffering, Relaxed with SeqCst fences: 3 outcomes', async () => {
    const { s, outcomes } = storeBuffering(Relaxed, Relaxed, true);
    await explore(s);
    expect([...outcomes].sort()).toEqual(['01', '10', '11']);
  });
});

describe('what commutes (no execution wasted on programs without choices)', { timeout: 120_000 }, () => {
  const threads = (n: number, name: string, setup: () => () => Promise<unknown>) =>
    scenario(name, async () => {
      const work = setup();
      const hs = [];
      for (let i = 0; i < n; i++) hs.push(spawn(work));
      for (const h of hs) await h.join();
    });

  it.each([2, 3, 4])('%i threads loading one location (no store): one execution', async (n) => {
    const r = await explore(threads(n, 'loads', () => {
      const x = new AtomicUsize(0, 'x');
      return () => x.load(Acquire);
    }));
    expect(r.executions).toBe(1);
  });

  it.each([2, 3, 4])('%i failing compare-exchanges (reads of the newest store): one execution', async (n) => {
    const r = await explore(threads(n, 'failing cas', () => {
      const x = new AtomicUsize(0, 'x');
      return () => x.compareExchange(1, 2, AcqRel, Acquire);
    }));
    expect(r.executions).toBe(1);
  });

  it.each([2, 3, 4])('%i threads on atomics of their own, fences but SeqCst ones included: one execution', async (n) => {
    const r = await explore(threads(n, 'independent', () => async () => {
      const x = new AtomicUsize(0, 'x');
      await x.store(1, Release);
      await fence(AcqRel);
      await x.fetchAdd(1, Relaxed);
      await x.load(Acquire);
    }));
    expect(r.executions).toBe(1);
  });

  it.each([2, 3])('%i threads each with a SeqCst fence: n! executions (S orders them)', async (n) => {
    const r = await explore(threads(n, 'sc fences', () => () => fence(SeqCst)));
    expect(r.executions).toBe(factorial(n));
  });
});

/** Message passing: T1 data := 42; flag := true — T2 if flag then read data. */
function messagePassing(store: Ordering, load: Ordering, fences = false) {
  return withOutcomes(`MP ${store}/${load}${fences ? ' + fences' : ''}`, async () => {
    const data = new UnsafeCell(0, 'data');
    const flag = new AtomicBool(false, 'flag');
    const a = spawn(async () => {
      await data.set(42);
      if (fences) await fence(Release);
      await flag.store(true, store);
    }, 'producer');
    const b = spawn(async () => {
      if (!(await flag.load(load))) return 'none';
      if (fences) await fence(Acquire);
      return String(await data.get());
    }, 'consumer');
    await a.join();
    return b.join();
  });
}

describe('message passing through UnsafeCell', { timeout: 120_000 }, () => {
  it('a Relaxed flag: a data race, found by explore and by random runs', async () => {
    const { s } = messagePassing(Relaxed, Relaxed);
    const r = await exploreScenario(s, exploreOptions({ all: false }));
    expect(r.findings.map((f) => f.kind)).toEqual(['data-race']);
    expect(r.findings[0]!.message).toMatch(/data race on 'data'/);
    const rr = await runS(s, { runs: 100 });
    expect(kinds(rr)).toEqual(['data-race']);
  });

  it('Release/Acquire: no race, and the consumer that sees the flag reads 42', async () => {
    const { s, outcomes } = messagePassing(Release, Acquire);
    const r = await explore(s);
    expect(r.findings).toEqual([]);
    expect([...outcomes].sort()).toEqual(['42', 'none']);
    const rr = await runS(s, { runs: 200 });
    expect(kinds(rr)).toEqual([]);
  });

  it('Relaxed accesses between a Release fence and an Acquire fence: no race', async () => {
    const { s, outcomes } = messagePassing(Relaxed, Relaxed, true);
    const r = await explore(s);
    expect(r.findings).toEqual([]);
    expect([...outcomes].sort()).toEqual(['42', 'none']);
  });

  it('unordered plain accesses race', async () => {
    const s = scenario('cell race', async () => {
      const c = new UnsafeCell(0, 'c');
      const h = spawn(() => c.withMut((v) => v + 1));
      await c.with((v) => v * 2);
      await h.join();
    });
    const r = await exploreScenario(s, exploreOptions({ all: false }));
    expect(r.findings.map((f) => f.kind)).toEqual(['data-race']);
  });
});

describe('a store-buffering assertion', { timeout: 120_000 }, () => {
  // Dekker's entry: each thread raises its flag, then enters if the other's is down. Without SeqCst
  // both may read the other's flag as down (store buffering) and both enter.
  const dekker = (store: Ordering, load: Ordering) =>
    scenario(`dekker ${store}/${load}`, async () => {
      const x = new AtomicBool(false, 'x');
      const y = new AtomicBool(false, 'y');
      let inside = 0;
      const enter = async (mine: AtomicBool, theirs: AtomicBool) => {
        await mine.store(true, store);
        if (!(await theirs.load(load))) inside++;
      };
      const a = spawn(() => enter(x, y), 'T1');
      const b = spawn(() => enter(y, x), 'T2');
      await a.join();
      await b.join();
      assert(inside < 2, 'both threads entered');
    });

  it.each([
    [Relaxed, Relaxed],
    [Release, Acquire],
  ] as const)('%s/%s: found by random runs within 100 runs, and by explore', async (store, load) => {
    const rr = await runS(dekker(store, load), { runs: 100 });
    expect(kinds(rr)).toEqual(['assertion']);
    const r = await exploreScenario(dekker(store, load), exploreOptions({ all: false }));
    expect(r.findings.map((f) => f.kind)).toEqual(['assertion']);
  });

  it('SeqCst: never, in any execution', async () => {
    const r = await explore(dekker(SeqCst, SeqCst));
    expect(r.findings).toEqual([]);
    const rr = await runS(dekker(SeqCst, SeqCst), { runs: 300 });
    expect(kinds(rr)).toEqual([]);
  });
});

describe('compare_exchange_weak: spurious failures are explored', { timeout: 120_000 }, () => {
  it('one weak compare-exchange that would succeed: Ok or a spurious Err, 2 executions', async () => {
    const { s, outcomes } = withOutcomes('weak', async () => {
      const x = new AtomicUsize(0, 'x');
      const r = await x.compareExchangeWeak(0, 1, SeqCst, Relaxed);
      return `${r.ok ? 'Ok' : 'Err'}(${r.ok ? r.value : r.error}) x=${await x.load(Relaxed)}`;
    });
    const r = await explore(s);
    expect([...outcomes].sort()).toEqual(['Err(0) x=0', 'Ok(0) x=1']);
    expect(r.executions).toBe(2);
  });

  it('one that would fail offers no choice; the strong one never fails spuriously', async () => {
    const { s, outcomes } = withOutcomes('weak fails', async () => {
      const x = new AtomicUsize(5, 'x');
      const a = await x.compareExchangeWeak(0, 1, SeqCst, Relaxed);
      const b = await x.compareExchange(5, 6, SeqCst, Relaxed);
      return `${a.isErr()} ${a.unwrapErr()} ${b.unwrap()}`;
    });
    const r = await explore(s);
    expect([...outcomes]).toEqual(['true 5 5']);
    expect(r.executions).toBe(1);
  });

  it('a retry loop ends: never two spurious failures in a row (per thread and location)', async () => {
    const { s, outcomes } = withOutcomes('weak loop', async () => {
      const x = new AtomicUsize(0, 'x');
      const incr = async () => {
        let tries = 0;
        for (let cur = await x.load(Relaxed); ; tries++) {
          const r = await x.compareExchangeWeak(cur, cur + 1, AcqRel, Relaxed);
          if (r.ok) return tries;
          cur = r.error;
        }
      };
      const a = spawn(incr);
      const b = spawn(incr);
      await a.join();
      await b.join();
      return String(await x.load(SeqCst));
    });
    const r = await explore(s);
    expect([...outcomes]).toEqual(['2']);
    expect(r.executions).toBeGreaterThan(2);
  });
});

const { AcqRel } = Ordering;

// ===== DPOR against brute force =====

/** A random litmus program: 2–3 threads, 2–3 operations each, on two locations. */
type LOp =
  | { k: 'load'; a: number; o: Ordering }
  | { k: 'store'; a: number; v: number; o: Ordering }
  | { k: 'add'; a: number; o: Ordering }
  | { k: 'cas'; a: number; cur: number; v: number; o: Ordering; weak: boolean }
  | { k: 'fence'; o: Ordering };

function randomLitmus(seed: number): LOp[][] {
  const rng = seedrandom.alea(`rust-litmus-${seed}`);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const threads = 2 + (seed % 2);
  const prog: LOp[][] = [];
  for (let t = 0; t < threads; t++) {
    const ops: LOp[] = [];
    const n = threads === 2 ? 2 + Math.floor(rng() * 2) : 1 + Math.floor(rng() * 2);
    for (let i = 0; i < n; i++) {
      const a = Math.floor(rng() * 2);
      const k = pick(['load', 'load', 'store', 'store', 'add', 'cas', 'fence'] as const);
      if (k === 'load') ops.push({ k, a, o: pick([Relaxed, Acquire, SeqCst]) });
      else if (k === 'store') ops.push({ k, a, v: 1 + Math.floor(rng() * 2), o: pick([Relaxed, Release, SeqCst]) });
      else if (k === 'add') ops.push({ k, a, o: pick([Relaxed, AcqRel, SeqCst]) });
      else if (k === 'cas') ops.push({ k, a, cur: Math.floor(rng() * 2), v: 2, o: pick([Relaxed, AcqRel, SeqCst]), weak: rng() < 0.3 });
      else ops.push({ k, o: pick([Acquire, Release, SeqCst]) });
    }
    prog.push(ops);
  }
  return prog;
}

function litmusBody(prog: LOp[][], log: { obs: Record<string, unknown[]> }): () => Promise<void> {
  return async () => {
    log.obs = {};
    const locs = [new AtomicUsize(0, 'a'), new AtomicUsize(0, 'b')];
    const hs = prog.map((ops, t) =>
      spawn(async () => {
        const seen: unknown[] = (log.obs[`T${t}`] = []);
        for (const op of ops) {
          if (op.k === 'load') seen.push(await locs[op.a]!.load(op.o));
          else if (op.k === 'store') await locs[op.a]!.store(op.v, op.o);
          else if (op.k === 'add') seen.push(await locs[op.a]!.fetchAdd(1, op.o));
          else if (op.k === 'cas') {
            const x = locs[op.a]!;
            const r = op.weak ? await x.compareExchangeWeak(op.cur, op.v, op.o, Relaxed) : await x.compareExchange(op.cur, op.v, op.o, Relaxed);
            seen.push(r.ok ? `ok${r.value}` : `err${r.error}`);
          } else await fence(op.o);
        }
      }, `T${t}`),
    );
    for (const h of hs) await h.join();
  };
}

/** Outcomes as sorted strings. */
const outcomeSet = (os: { seen: Record<string, unknown[]>; findings: string }[]) =>
  [...new Set(os.map((o) => JSON.stringify([Object.keys(o.seen).sort().map((k) => [k, o.seen[k]]), o.findings])))].sort();

const tooBig: number[] = [];

describe('DPOR against brute force (every schedule and every read-from choice)', { timeout: 600_000 }, () => {
  afterAll(() => {
    // Most programs must be small enough to be checked.
    expect(tooBig.length).toBeLessThan(5);
  });

  const litmus: [string, Scenario][] = [
    ['1 load vs a store', kLoads(1).s],
    ['2 loads vs a store', kLoads(2).s],
    ['3 loads vs a store', kLoads(3).s],
    ['SB Relaxed', storeBuffering(Relaxed, Relaxed).s],
    ['SB Release/Acquire', storeBuffering(Release, Acquire).s],
    ['SB SeqCst', storeBuffering(SeqCst, SeqCst).s],
    ['SB fences', storeBuffering(Relaxed, Relaxed, true).s],
    ['MP Release/Acquire', messagePassing(Release, Acquire).s],
    ['MP fences', messagePassing(Relaxed, Relaxed, true).s],
  ];
  it.each(litmus)('%s: the same traces, each once', async (_name, s) => {
    const brute = await bruteForce(s);
    expect(brute).not.toBeNull();
    for (const target of [1, 4]) {
      const d = await dporSplit(s, target);
      expect(new Set(d.forms).size).toBe(d.forms.length);
      expect([...d.forms].sort()).toEqual([...new Set(brute!.forms)].sort());
    }
  });

  it.each(Array.from({ length: 40 }, (_, i) => i))('random litmus program %i: same traces once, same outcomes', async (seed) => {
    const prog = randomLitmus(seed);
    const log = { obs: {} as Record<string, unknown[]> };
    const s = scenario(`litmus ${seed}`, litmusBody(prog, log));
    const brute = await bruteForce(s, () => log.obs, 20_000);
    if (brute === null) {
      tooBig.push(seed);
      return; // too big for brute force
    }
    const d = await dporSplit(s, 1, () => log.obs);
    expect(new Set(d.forms).size).toBe(d.forms.length);
    expect([...d.forms].sort()).toEqual([...new Set(brute.forms)].sort());
    expect(outcomeSet(d.outcomes)).toEqual(outcomeSet(brute.outcomes));
  });
});
