import { describe, expect, it } from 'vitest';
import { assert, go, Mutex, shared, WaitGroup, yieldNow } from '../../../src/index.js';
import { runScenario } from '../../../src/harness/runs.js';
import { scenario } from '../../../src/api/scenario.js';
import { DEFAULT_PCT_DEPTH, FAIR_MIN, PctStrategy } from '../../../src/scheduler/pct.js';
import { FIRE_TIMER } from '../../../src/runtime/schedule.js';
import type { Thread } from '../../../src/runtime/thread.js';
import { DEFAULTS, kinds, run } from '../../helpers.js';

const threads = (...ids: number[]) => ids.map((id) => ({ id, pending: { kind: 'read' } }) as unknown as Thread);

/**
 * A bug of depth 2 among many steps: B's check must fall between A's two critical sections, which are
 * one step apart, while B first takes STEPS steps of its own. Two ordering constraints: A's first section
 * before B's check, B's check before A's second section. A random walk must keep A from taking its next
 * step for STEPS coin flips in a row (about 2^-STEPS); PCT needs the right priorities and one change point
 * in the window (about 1/k).
 */
const STEPS = 24;
const depthTwo = scenario('depth-2 window', async () => {
  const mu = new Mutex();
  const state = shared('state', 0);
  const wg = new WaitGroup();
  await wg.add(2);
  go(async () => {
    await mu.lock();
    await state.write(1);
    await mu.unlock();
    await mu.lock();
    await state.write(2);
    await mu.unlock();
    await wg.done();
  }, 'A');
  go(async () => {
    const mine = shared('mine', 0);
    for (let i = 0; i < STEPS; i++) await mine.write(i);
    await mu.lock();
    const seen = await state.read();
    await mu.unlock();
    assert(seen !== 1, 'B saw the state between the two halves of A');
    await wg.done();
  }, 'B');
  await wg.wait();
});

const opts = (strategy: 'pct' | 'random', runs: number, firstSeed = 1) => ({ ...DEFAULTS, strategy, runs, firstSeed, shrink: false });

describe('PctStrategy', () => {
  it('finds a depth-2 bug in a modest number of runs, where a random walk does not', async () => {
    const pct = await runScenario(depthTwo, opts('pct', 300));
    expect(kinds(pct)).toEqual(['assertion']);
    expect(pct.executions).toBeLessThan(300);
    const random = await runScenario(depthTwo, opts('random', 1000));
    expect(kinds(random)).toEqual([]);
  });

  it('finds it from many first seeds (not a lucky one)', async () => {
    let found = 0;
    for (let seed = 1; seed <= 500; seed += 50) {
      const r = await runScenario(depthTwo, opts('pct', 300, seed));
      if (r.findings.length > 0) found++;
    }
    expect(found).toBe(10);
  });

  it('gives identical reports for the same seeds, and --seed with --pct-steps reruns one execution', async () => {
    const a = await runScenario(depthTwo, opts('pct', 300, 5));
    const b = await runScenario(depthTwo, opts('pct', 300, 5));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const f = a.findings[0]!;
    expect(f.pct).toEqual({ depth: DEFAULT_PCT_DEPTH, steps: expect.any(Number) });
    expect(f.pct!.steps).toBeGreaterThan(0);
    const one = await runScenario(depthTwo, { ...opts('pct', 1, f.seed!), pctSteps: f.pct!.steps });
    expect(one.executions).toBe(1);
    expect(one.findings[0]).toEqual(f);
  });

  it('learns k from the first execution (which has no change points) and never shrinks it', () => {
    const s = new PctStrategy(1, 3, 3);
    s.beginExecution(0);
    expect(s.bound).toBe(0);
    for (let i = 0; i < 40; i++) s.pickThread(threads(0, 1), i, false);
    s.beginExecution(1);
    expect(s.bound).toBe(40);
    for (let i = 0; i < 10; i++) s.pickThread(threads(0, 1), i, false);
    s.beginExecution(2);
    expect(s.bound).toBe(40);
    expect(s.beginExecution(3)).toBeNull();
  });

  it('always runs the highest-priority goroutine, except at change points', () => {
    const s = new PctStrategy(9, 1, 1);
    s.beginExecution(0);
    const first = s.pickThread(threads(0, 1, 2), 0, false);
    for (let i = 1; i < 50; i++) expect(s.pickThread(threads(0, 1, 2), i, false)).toBe(first);
    // Depth 1 has no change points: the order among goroutines is fixed for the whole execution.
    const without = threads(0, 1, 2).filter((_, i) => i !== first);
    const second = s.pickThread(without, 50, false);
    for (let i = 51; i < 60; i++) expect(s.pickThread(without, i, false)).toBe(second);
  });

  it('lowers the goroutine about to run at each of the d−1 change points', () => {
    // With k = 20 and depth 4, three change points fall within the first 20 counted steps: the chosen
    // goroutine changes exactly at those steps (three goroutines, always all enabled).
    const s = new PctStrategy(3, 1, 4, 20);
    s.beginExecution(0);
    const picks = Array.from({ length: 30 }, (_, i) => s.pickThread(threads(0, 1, 2), i, false));
    let switches = 0;
    for (let i = 1; i < picks.length; i++) if (picks[i] !== picks[i - 1]) switches++;
    expect(switches).toBeGreaterThanOrEqual(1);
    expect(switches).toBeLessThanOrEqual(3);
    expect(picks.slice(20).every((p) => p === picks[20])).toBe(true);
  });

  it('lowers a goroutine that yields, so spin loops with yieldNow end', async () => {
    const r = await run(
      async () => {
        const flag = shared('flag', false);
        const mu = new Mutex();
        go(async () => {
          await mu.lock();
          await flag.write(true);
          await mu.unlock();
        });
        for (;;) {
          await mu.lock();
          const done = await flag.read();
          await mu.unlock();
          if (done) break;
          await yieldNow();
        }
      },
      { strategy: 'pct', runs: 50, stepLimit: 5000 },
    );
    expect(kinds(r)).toEqual([]);
  });

  it('goes random after FAIR_MIN counted steps, so a spin loop without yields ends too', async () => {
    const r = await run(
      async () => {
        const flag = shared('flag', false);
        const mu = new Mutex();
        go(async () => {
          await mu.lock();
          await flag.write(true);
          await mu.unlock();
        });
        for (;;) {
          await mu.lock();
          const done = await flag.read();
          await mu.unlock();
          if (done) break;
        }
      },
      { strategy: 'pct', runs: 30, stepLimit: 20 * FAIR_MIN },
    );
    expect(kinds(r)).toEqual([]);
  });

  it('draws timer firings and other choices from the seed', () => {
    const draws = (seed: number) => {
      const s = new PctStrategy(seed, 1, 3);
      s.beginExecution(0);
      return Array.from({ length: 40 }, (_, i) => [s.pickThread(threads(0), i, true), s.pickChoice('select', 3)]).flat();
    };
    expect(draws(4)).toEqual(draws(4));
    expect(draws(4)).not.toEqual(draws(5));
    const answers = new Set(draws(4));
    expect(answers.has(1)).toBe(true); // a timer fired (index enabled.length)
    expect(answers.has(2)).toBe(true); // the third select case
    expect(FIRE_TIMER).toBe(-1);
  });

  it('rejects a bad depth', () => {
    expect(() => new PctStrategy(1, 1, 0)).toThrow(/depth/);
  });
});
