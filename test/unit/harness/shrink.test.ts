import { describe, expect, it } from 'vitest';
import { AtomicInt, assert, go, Mutex, shared, WaitGroup, yieldNow } from '../../../src/index.js';
import { scenario, type Scenario } from '../../../src/api/scenario.js';
import { runExecution, runScenario } from '../../../src/harness/runs.js';
import { placeOf, shrinkExecution, shrinkFinding } from '../../../src/harness/shrink.js';
import { LOCATED_TAIL } from '../../../src/harness/located.js';
import { Recorder, countPreemptions } from '../../../src/scheduler/recorder.js';
import { ReplayStrategy } from '../../../src/scheduler/replay.js';
import type { RunOptions } from '../../../src/harness/types.js';
import { DEFAULTS } from '../../helpers.js';

/** Goroutines that only take steps of their own: they make random schedules long and full of switches. */
function noise(n: number, steps: number, wg: WaitGroup): void {
  for (let g = 0; g < n; g++) {
    go(async () => {
      const mine = shared(`noise-${g}`, 0);
      for (let i = 0; i < steps; i++) await mine.write(i);
      await wg.done();
    }, `noise-${g}`);
  }
}

/** A lost update behind a mutex: needs exactly one preemption (between a worker's read and its write). */
const lostUpdate = scenario('lost update', async () => {
  const mu = new Mutex();
  const count = shared('count', 0);
  const wg = new WaitGroup();
  await wg.add(5);
  noise(3, 6, wg);
  for (let w = 0; w < 2; w++) {
    go(async () => {
      await mu.lock();
      const v = await count.read();
      await mu.unlock();
      await yieldNow();
      await mu.lock();
      await count.write(v + 1);
      await mu.unlock();
      await wg.done();
    }, `worker-${w}`);
  }
  await wg.wait();
  await mu.lock();
  assert((await count.read()) === 2, 'an increment was lost');
  await mu.unlock();
});

/** A data race: found without any preemption (the race detector needs no particular order). */
const race = scenario('race', async () => {
  const count = shared('count', 0);
  const wg = new WaitGroup();
  await wg.add(4);
  noise(2, 8, wg);
  for (let w = 0; w < 2; w++) {
    go(async () => {
      const own = new AtomicInt(0);
      for (let i = 0; i < 4; i++) await own.add(1); // steps that touch nothing shared
      await count.update((v) => v + 1);
      await wg.done();
    }, `worker-${w}`);
  }
  await wg.wait();
});

const opts: RunOptions = { ...DEFAULTS, shrink: false };

/** Steps and preemptions of a schedule, measured by replaying it. */
async function measure(s: Scenario, schedule: string, seed?: number) {
  const recorder = new Recorder(new ReplayStrategy(schedule, seed));
  recorder.beginExecution(0);
  const result = await runExecution(s, opts, { strategy: recorder, seed, captureLocations: true, recordTrace: false });
  return { result, steps: result.steps, preemptions: countPreemptions(recorder.decisions) };
}

/** The first failing execution of a random run, unshrunk (its findings carry no locations). */
async function firstFailing(s: Scenario, firstSeed = 1) {
  const r = await runScenario(s, { ...opts, firstSeed, runs: 500 });
  expect(r.findings.length).toBeGreaterThan(0);
  return r.findings[0]!;
}

describe('shrinkFinding', () => {
  it('shrinks a lost update found after many preemptions to the one it needs', async () => {
    const found = await firstFailing(lostUpdate);
    expect(found.kind).toBe('assertion');
    const before = await measure(lostUpdate, found.schedule, found.seed);
    expect(before.preemptions).toBeGreaterThan(2);

    const shrunk = await shrinkFinding(lostUpdate, opts, found);
    expect(shrunk.kind).toBe('assertion');
    expect(shrunk.seed).toBe(found.seed);
    expect(shrunk.shrunk!.from).toEqual({ steps: before.steps, preemptions: before.preemptions, schedule: found.schedule });
    expect(shrunk.shrunk!.to.preemptions).toBeLessThanOrEqual(1);
    expect(shrunk.shrunk!.to.steps).toBeLessThanOrEqual(before.steps);

    // The printed schedule replays to the same kind at the same place, with the sizes reported.
    const after = await measure(lostUpdate, shrunk.schedule, shrunk.seed);
    expect(after.result.diverged).toBeUndefined();
    expect(after.result.findings.map(placeOf)).toEqual([placeOf(shrunk)]);
    expect(placeOf(shrunk).where).toMatch(/shrink\.test\.ts:\d+:\d+$/);
    expect({ steps: after.steps, preemptions: after.preemptions }).toEqual(shrunk.shrunk!.to);
    expect(after.result.schedule).toBe(shrunk.schedule);
  });

  it('shrinks a data race to no preemption at all, at the same place', async () => {
    const found = await firstFailing(race, 3);
    expect(found.kind).toBe('data-race');
    const before = await measure(race, found.schedule, found.seed);
    const shrunk = await shrinkFinding(race, opts, found);
    expect(before.preemptions).toBeGreaterThan(0);
    expect(shrunk.shrunk!.to.preemptions).toBe(0);
    // The two workers run first, one after the other: start, 4 private adds, read and write, done; then the read.
    expect(shrunk.shrunk!.to.steps).toBeLessThan(before.steps);
    const place = placeOf(before.result.findings[0]!);
    const after = await measure(race, shrunk.schedule, shrunk.seed);
    expect(after.result.findings.map(placeOf)).toEqual([place]);
  });

  it('is deterministic: the same finding shrinks to the same schedule', async () => {
    const found = await firstFailing(lostUpdate, 7);
    const a = await shrinkFinding(lostUpdate, opts, found);
    const b = await shrinkFinding(lostUpdate, opts, found);
    expect(b).toEqual(a);
  });

  it('stays within its replay budget', async () => {
    const found = await firstFailing(lostUpdate, 11);
    const shrunk = await shrinkFinding(lostUpdate, opts, found, { replays: 6, steps: 1e9, ms: 1e9 });
    expect(shrunk.shrunk?.replays ?? 0).toBeLessThanOrEqual(6);
  });

  it('returns a finding it cannot reproduce unchanged', async () => {
    const found = await firstFailing(lostUpdate);
    const bogus = { ...found, schedule: '9x3' };
    expect(await shrinkFinding(lostUpdate, opts, bogus)).toBe(bogus);
  });
});

describe('run shrinks before it reports', () => {
  it('reports the shrunk schedule, keeps the seed, and --seed gives the same report', async () => {
    const r = await runScenario(lostUpdate, { ...DEFAULTS, runs: 500 });
    const f = r.findings[0]!;
    expect(f.kind).toBe('assertion');
    expect(f.shrunk!.to.preemptions).toBeLessThanOrEqual(1);
    expect(f.locations.length).toBeGreaterThan(0);
    expect(r.trace!.length).toBe(f.shrunk!.to.steps);
    const again = await runScenario(lostUpdate, { ...DEFAULTS, runs: 1, firstSeed: f.seed! });
    expect(again.findings).toEqual(r.findings);
    const replayed = await runScenario(lostUpdate, { ...DEFAULTS, strategy: 'replay', schedule: f.schedule });
    expect(replayed.findings.map(placeOf)).toEqual([placeOf(f)]);
    expect(replayed.findings[0]!.schedule).toBe(f.schedule);
  });

  it('shrinkExecution keeps every finding of an execution (several leaks)', async () => {
    const leaks = scenario('leaks', async () => {
      const wg = new WaitGroup();
      await wg.add(2);
      const never = new WaitGroup();
      await never.add(1);
      noise(2, 4, wg);
      for (let i = 0; i < 2; i++) go(async () => void (await never.wait()), `stuck-${i}`);
    });
    const r = await runScenario(leaks, { ...opts, runs: 50 });
    expect(r.findings.map((f) => f.kind)).toContain('leak');
    const f = r.findings;
    const shrunk = await shrinkExecution(leaks, opts, { schedule: f[0]!.schedule, seed: f[0]!.seed, findings: f });
    expect(shrunk).not.toBeNull();
    const before = await measure(leaks, f[0]!.schedule, f[0]!.seed);
    expect(shrunk!.result.findings.map(placeOf)).toEqual(before.result.findings.map(placeOf));
  });
});

describe('shrinking is bounded and never loses the finding', () => {
  /**
   * Two goroutines each read a variable of their own `n` times, then race: a long execution,
   * thousands of preemptions under random. (Not yields: fair yields alternate without preempting.)
   */
  const yieldsThenRace = (n: number) =>
    scenario(`${n} reads each, then a race`, async () => {
      const x = shared('x', 0);
      const wg = new WaitGroup();
      await wg.add(2);
      for (let g = 0; g < 2; g++) {
        go(async () => {
          const own = shared(`own-${g}`, 0);
          for (let i = 0; i < n; i++) await own.read();
          await x.write(g);
          await wg.done();
        }, `yielder-${g}`);
      }
      await wg.wait();
    });
  const long = yieldsThenRace(3_000);

  async function failingOf(s: Scenario) {
    const r = await runScenario(s, { ...opts, runs: 1 });
    expect(r.findings.map((f) => f.kind)).toEqual(['data-race']);
    return r.findings;
  }

  it('reports a long execution as found when replaying it spends the step budget', async () => {
    const f = await failingOf(long);
    const shrunk = await shrinkExecution(long, opts, { schedule: f[0]!.schedule, seed: f[0]!.seed, findings: f }, { replays: 500, steps: 10_000, ms: 1e9 });
    expect(shrunk!.summary).toBeUndefined();
    expect(shrunk!.result.schedule).toBe(f[0]!.schedule);
    const race = shrunk!.result.findings[0]!;
    expect(race.kind).toBe('data-race');
    expect(race.accesses!.map((a) => a.at)).toEqual([expect.stringMatching(/shrink\.test\.ts:\d+:\d+$/), expect.stringMatching(/shrink\.test\.ts:\d+:\d+$/)]);
    // Its timeline: the located tail, up to the race (a long execution's earlier steps are not recorded).
    const trace = shrunk!.result.trace!;
    expect(race.step).toBeGreaterThan(LOCATED_TAIL);
    expect(trace.length).toBe(LOCATED_TAIL);
    expect(trace.at(-1)!.step).toBe(race.step);
  });

  it('stops building candidates once the budget is spent, and reports the smallest execution so far', async () => {
    const f = await failingOf(long);
    const before = await measure(long, f[0]!.schedule, f[0]!.seed);
    expect(before.preemptions).toBeGreaterThan(1_000);
    for (const replays of [3, 6]) {
      const shrunk = await shrinkExecution(long, opts, { schedule: f[0]!.schedule, seed: f[0]!.seed, findings: f }, { replays, steps: 1e9, ms: 1e9 });
      // The budget, and one more replay that records the timeline of a long execution it kept.
      expect(shrunk!.summary?.replays ?? 0).toBeLessThanOrEqual(replays + 1);
      const after = await measure(long, shrunk!.result.schedule, f[0]!.seed);
      expect(after.result.findings.map(placeOf)).toEqual(before.result.findings.map(placeOf));
      expect(after.preemptions).toBeLessThanOrEqual(before.preemptions);
    }
  });

  it('with budget enough, a long race shrinks to no preemption at all', async () => {
    const f = await failingOf(long);
    const shrunk = await shrinkExecution(long, opts, { schedule: f[0]!.schedule, seed: f[0]!.seed, findings: f });
    expect(shrunk!.summary!.to.preemptions).toBe(0);
    const after = await measure(long, shrunk!.result.schedule, f[0]!.seed);
    expect(after.preemptions).toBe(0);
    expect(after.result.findings.map((x) => x.kind)).toEqual(['data-race']);
  });
});
