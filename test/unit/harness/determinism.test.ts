import { describe, expect, it } from 'vitest';
import { go, shared, WaitGroup, yieldNow } from '../../../src/index.js';
import { scenario } from '../../../src/api/scenario.js';
import { verifyDeterminism } from '../../../src/harness/determinism.js';
import { runScenario } from '../../../src/harness/runs.js';
import { DEFAULTS, kinds } from '../../helpers.js';

/** Two goroutines race on `x` after a number of yields drawn with Math.random: no two runs alike. */
const coinFlips = scenario('Math.random decides', async () => {
  const x = shared('x', 0);
  const wg = new WaitGroup();
  await wg.add(2);
  for (let g = 0; g < 2; g++) {
    go(async () => {
      const n = 1 + Math.floor(Math.random() * 20);
      for (let i = 0; i < n; i++) await yieldNow();
      await x.update((v) => v + 1);
      await wg.done();
    }, `g${g}`);
  }
  await wg.wait();
});

/** The same race, deterministic. */
const steady = scenario('steady', async () => {
  const x = shared('x', 0);
  const wg = new WaitGroup();
  await wg.add(2);
  for (let g = 0; g < 2; g++) {
    go(async () => {
      for (let i = 0; i < 5 + g; i++) await yieldNow();
      await x.update((v) => v + 1);
      await wg.done();
    }, `g${g}`);
  }
  await wg.wait();
});

describe('verifyDeterminism', () => {
  it('reports nondeterminism for a scenario that branches on Math.random, with the schedule it replayed', async () => {
    const r = await runScenario(coinFlips, { ...DEFAULTS, runs: 1, firstSeed: 4, shrink: false });
    const found = r.findings[0]!;
    expect(found.kind).toBe('data-race');
    const checked = await verifyDeterminism(coinFlips, DEFAULTS, { schedule: found.schedule, seed: 4, findings: [found] });
    const f = checked.finding!;
    expect(f.kind).toBe('nondeterminism');
    expect(f.schedule).toBe(found.schedule);
    expect(f.schedule).not.toBe('-');
    expect(f.seed).toBe(4);
    expect(f.message).toMatch(/^replaying the schedule did not reproduce the same execution: /);
    expect(f.details!.at(-1)).toMatch(/Math\.random/);
  });

  it('finds nothing wrong with a deterministic scenario, and returns the located replay', async () => {
    const r = await runScenario(steady, { ...DEFAULTS, runs: 1, firstSeed: 2, shrink: false });
    const found = r.findings[0]!;
    const checked = await verifyDeterminism(steady, DEFAULTS, { schedule: found.schedule, seed: 2, findings: [found] });
    expect(checked.finding).toBeNull();
    expect(checked.located.findings.map((f) => f.kind)).toEqual(['data-race']);
    expect(checked.located.findings[0]!.locations.length).toBeGreaterThan(0);
    expect(checked.located.trace!.length).toBe(checked.located.steps);
  });

  it('run --verify-determinism reports the nondeterminism instead of the finding it cannot show again', async () => {
    const r = await runScenario(coinFlips, { ...DEFAULTS, runs: 5, verifyDeterminism: true });
    expect(kinds(r)).toEqual(['nondeterminism']);
    expect(r.findings[0]!.schedule).not.toBe('-');
    // Which goroutine comes second is Math.random's call, so only the shape of the line is fixed.
    expect(r.findings[0]!.details).toContainEqual(
      expect.stringMatching(/^the execution that recorded the schedule ended with data-race \(data race on 'x': (read|write) by goroutine 'g[01]' is concurrent with a previous (read|write) by goroutine 'g[01]'\)$/),
    );
    const clean = await runScenario(steady, { ...DEFAULTS, runs: 5, verifyDeterminism: true });
    expect(kinds(clean)).toEqual(['data-race']);
    expect(clean.findings[0]!.locations.length).toBeGreaterThan(0);
  });

  it('a replayed schedule that does not fit is an error naming the step, not a nondeterminism finding', async () => {
    const r = await runScenario(steady, { ...DEFAULTS, strategy: 'replay', schedule: '7.7' });
    expect(kinds(r)).toEqual([]);
    expect(r.error?.message).toMatch(/^the schedule does not fit this scenario: at step \d+ the schedule runs goroutine 7, but only/);
  });
});
