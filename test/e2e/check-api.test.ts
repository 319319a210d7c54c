/**
 * simcc/testing, imported as an outside user imports it (the package's self-reference, so the
 * compiled dist/ of `npm run build`): inline scenarios run in this process, scenario files in
 * workers, and the matchers print simcc's report when they fail.
 */
import { describe, expect, it } from 'vitest';
import { go, Mutex, scenario, shared, WaitGroup } from 'simcc';
import { checkScenarios, exploreScenario, humanReport, matchers, runScenario } from 'simcc/testing';
import 'simcc/testing/vitest';
import { E2E_TIMEOUT } from './cli.js';

const racy = scenario('racy counter', async () => {
  const count = shared('count', 0);
  const wg = new WaitGroup();
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      await count.update((v) => v + 1);
      await wg.done();
    }, `worker-${i}`);
  }
  await wg.wait();
});

const locked = scenario('locked counter', async () => {
  const count = shared('count', 0);
  const mu = new Mutex();
  const wg = new WaitGroup();
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      await mu.lock();
      await count.update((v) => v + 1);
      await mu.unlock();
      await wg.done();
    });
  }
  await wg.wait();
});

describe('simcc/testing', { timeout: E2E_TIMEOUT }, () => {
  it('explores an inline scenario in-process and finds its race, with a location in this file', async () => {
    const r = await exploreScenario(racy);
    expect(r).toFind('data-race');
    expect(r.verdict).toBe('fail');
    expect(r.strategy).toBe('dpor');
    expect(r.findings[0]!.locations[0]).toMatch(/check-api\.test\.ts:\d+:\d+$/);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('an inline scenario that is right has no findings, and every interleaving is covered', async () => {
    const r = await exploreScenario(locked);
    expect(r).toHaveNoFindings();
    expect(r.complete).toBe(true);
    expect(await runScenario(locked, { runs: 50 })).toHaveNoFindings();
  });

  it('a failing matcher says what simcc found, as its human report', async () => {
    const r = await runScenario(racy, { runs: 50 });
    const failed = matchers.toHaveNoFindings(r);
    expect(failed.pass).toBe(false);
    const message = failed.message();
    expect(message).toContain("expected no findings in scenario 'racy counter', but simcc found data-race");
    expect(message).toContain("data-race: data race on 'count'");
    expect(message).toContain('timeline');
    expect(message).toMatch(/runScenario\(theScenario, \{ (seed: \d+|schedule: ".*") \}\)/);
    expect(() => expect(r).toHaveNoFindings()).toThrow(/data race on 'count'/);
    expect(matchers.toFind(r, 'deadlock').message()).toContain("expected a deadlock in scenario 'racy counter', but simcc found data-race");
    expect(humanReport(JSON.parse(JSON.stringify(r)))).toContain("data-race: data race on 'count'");
  });

  it('the reproduce hint of an inline scenario reruns the same execution', async () => {
    const r = await runScenario(racy, { runs: 50, shrink: false });
    const seed = r.findings[0]!.seed!;
    const again = await runScenario(racy, { seed });
    expect(again.findings.map((f) => [f.kind, f.seed])).toEqual([['data-race', seed]]);
    const replayed = await runScenario(racy, { schedule: r.findings[0]!.schedule });
    expect(replayed).toFind('data-race');
  });

  it('runs a scenario file in a worker, with the same document as simcc run --json', async () => {
    const r = await runScenario('test/fixtures/counter.ts', { runs: 20 });
    expect(r.file).toBe('test/fixtures/counter.ts');
    expect(r).toFind('data-race');
    expect(r.findings[0]!.locations[0]).toMatch(/^test\/fixtures\/counter\.ts:\d+:\d+$/);
  });

  it('checks folders and inline scenarios together', async () => {
    const doc = await checkScenarios(['test/fixtures/check-pass', locked], { runs: 30 });
    expect(doc.results.map((r) => [r.file, r.status])).toEqual([
      ['test/fixtures/check-pass/racy.ts', 'passed'],
      ['test/fixtures/check-pass/sub/locked.ts', 'passed'],
      ["<inline scenario 'locked counter'>", 'passed'],
    ]);
    expect(doc.summary).toEqual({ total: 3, passed: 3, failed: 0, errors: 0, incomplete: 0, skipped: 0 });
    expect(doc).toPassCheck();
    const failing = await checkScenarios([racy], { runs: 30 });
    expect(failing.summary.failed).toBe(1);
    expect(() => expect(failing).toPassCheck()).toThrow(/FAIL {2}<inline scenario 'racy counter'>/);
  });
});
