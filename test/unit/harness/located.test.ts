import { describe, expect, it } from 'vitest';
import { AtomicInt, Channel, go, Mutex, shared, WaitGroup } from '../../../src/index.js';
import { scenario, type Scenario } from '../../../src/api/scenario.js';
import { runExecution } from '../../../src/harness/execute.js';
import { FULL_CAPTURE_STEPS, LOCATED_TAIL, replayLocated, replayLogged } from '../../../src/harness/located.js';
import type { RunOptions } from '../../../src/harness/types.js';
import { RandomStrategy } from '../../../src/scheduler/random.js';
import { ReplayStrategy } from '../../../src/scheduler/replay.js';
import { DEFAULTS } from '../../helpers.js';

/** More steps than FULL_CAPTURE_STEPS, so that replayLocated captures selectively. */
const SPIN = FULL_CAPTURE_STEPS + 1_000;

/**
 * Main takes a lock it never gives back, starts a goroutine and writes `x` among steps of its own; the
 * goroutine spins, then writes `x`: a race whose earlier access, the lock main holds and where the
 * goroutine was started are all thousands of steps back, and none is main's last step.
 */
const lateRace = scenario('late race', async () => {
  const x = shared('x', 0);
  const mu = new Mutex();
  const n = new AtomicInt(0, 'n');
  const mine = new AtomicInt(0, 'mine'); // main's own steps: they must not order main with the spinner
  const wg = new WaitGroup();
  await wg.add(1);
  await mu.lock();
  for (let i = 0; i < 3; i++) await mine.add(1);
  go(async () => {
    for (let i = 0; i < SPIN; i++) await n.add(1);
    await x.write(2);
    await wg.done();
  }, 'spinner');
  for (let i = 0; i < 3; i++) await mine.add(1);
  await x.write(1);
  for (let i = 0; i < 3; i++) await mine.add(1);
  await wg.wait();
});

/** Main starts a goroutine that blocks for ever, between steps of its own, then spins and returns: a leak. */
const lateLeak = scenario('late leak', async () => {
  const n = new AtomicInt(0, 'n');
  const never = new Channel<number>(0, { name: 'never' });
  for (let i = 0; i < 3; i++) await n.add(1);
  go(async () => void (await never.recv()), 'stuck');
  for (let i = 0; i < SPIN; i++) await n.add(1);
});

const opts: RunOptions = { ...DEFAULTS, stepLimit: 100_000 };

async function failing(s: Scenario) {
  const strategy = new RandomStrategy(1, 1);
  const begun = strategy.beginExecution(0)!;
  const r = await runExecution(s, opts, { strategy, seed: begun.seed, captureLocations: false, recordTrace: false });
  expect(r.findings.length).toBeGreaterThan(0);
  expect(r.steps).toBeGreaterThan(FULL_CAPTURE_STEPS);
  return { schedule: r.schedule, seed: begun.seed };
}

/** The reference: a replay with every location. */
async function fullyLocated(s: Scenario, schedule: string, seed: number) {
  const strategy = new ReplayStrategy(schedule, seed);
  strategy.beginExecution(0);
  return runExecution(s, opts, { strategy, seed, captureLocations: true, recordTrace: true });
}

describe('replayLocated on a long execution', () => {
  for (const s of [lateRace, lateLeak]) {
    it(`shows the same findings as a replay with every location (${s.name})`, async () => {
      const { schedule, seed } = await failing(s);
      const full = await fullyLocated(s, schedule, seed);
      const { result } = await replayLocated(s, opts, schedule, seed, { trace: true });
      expect(result.diverged).toBeUndefined();
      expect(result.findings).toEqual(full.findings);
      // Every place the report names was captured (none is missing from the reference either).
      const f = result.findings[0]!;
      expect(f.locations.length).toBeGreaterThan(0);
      for (const t of f.threads) if (t.state !== 'finished' && t.waitingOn) expect(t.at).toMatch(/located\.test\.ts:\d+:\d+$/);
      for (const a of f.accesses ?? []) expect(a.at).toMatch(/located\.test\.ts:\d+:\d+$/);
      for (const t of f.threads) if (!t.name.startsWith('main')) expect(t.startedAt).toMatch(/located\.test\.ts:\d+:\d+$/);
      // The timeline's tail is located as the reference's is.
      const tail = (trace: typeof result.trace) => trace!.slice(-LOCATED_TAIL).map((e) => e.at);
      expect(tail(result.trace)).toEqual(tail(full.trace));
    });
  }

  it('holds: the lock main took at the start is reported with where it was taken', async () => {
    const { schedule, seed } = await failing(lateRace);
    const { result } = await replayLocated(lateRace, opts, schedule, seed, { trace: false });
    const main = result.findings[0]!.threads.find((t) => t.name === 'main')!;
    expect(main.holds).toEqual([{ what: expect.any(String), at: expect.stringMatching(/located\.test\.ts:\d+:\d+$/) }]);
  });

  it('captures only around the steps the report needs, not one location per step', async () => {
    const { schedule, seed } = await failing(lateRace);
    const { result } = await replayLocated(lateRace, opts, schedule, seed, { trace: true });
    expect(result.steps).toBeGreaterThan(SPIN);
    // The timeline is the located tail only (Execution traceFrom): a trace event costs the goroutine's clock twice.
    const trace = result.trace!;
    expect(trace.length).toBe(LOCATED_TAIL);
    expect(trace[0]!.step).toBe(result.steps - LOCATED_TAIL + 1);
    expect(trace.at(-1)!.step).toBe(result.steps);
    expect(trace.every((e) => e.thread < 0 || e.at !== undefined)).toBe(true);
  });

  it('a short execution is replayed with every location', async () => {
    const short = scenario('short race', async () => {
      const x = shared('x', 0);
      go(async () => void (await x.write(1)), 'w');
      await x.write(2);
    });
    const r = await replayLogged(short, opts, '-', undefined);
    expect(r.result.steps).toBeLessThan(FULL_CAPTURE_STEPS);
    const { result } = await replayLocated(short, opts, r.result.schedule, undefined, { trace: true, logged: r });
    expect(result.trace!.every((e) => e.thread < 0 || e.what === 'start' || e.at !== undefined)).toBe(true);
  });
});
