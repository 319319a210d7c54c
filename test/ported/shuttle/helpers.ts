/**
 * shuttle's harness in simcc terms:
 * - `check_dfs(f, None)` → an exhaustive exploration (`exploreScenario`; simcc adds DPOR, which only
 *   prunes equivalent interleavings), `check_dfs(f, Some(n))` → `maxExecutions: n`;
 * - `check_random(f, n)` → `runScenario(s, { runs: n, strategy: 'random' })`;
 * - `check_pct(f, n, d)` → `runScenario(s, { runs: n, strategy: 'pct', depth: d })`.
 * A normal test completes with no finding; `#[should_panic(expected = "…")]` is a finding of the kind
 * shuttle's failure corresponds to, whose message contains the expected text where that makes sense.
 */
import { expect } from 'vitest';
import { scenario, type Scenario } from '../../../src/rust.js';
import { exploreScenario, humanReport, runScenario, type RunResult } from '../../../src/testing.js';

export type Check =
  | { dfs: true; maxExecutions?: number; maxTimeS?: number; synctest?: boolean }
  | { random: number }
  | { pct: number; depth: number };

/** `check_dfs(f, maxExecutions)`; `maxTimeS` only bounds the tests marked it.fails (default 60 s). */
export const dfs = (maxExecutions?: number, maxTimeS?: number): Check => ({
  dfs: true,
  ...(maxExecutions !== undefined && { maxExecutions }),
  ...(maxTimeS !== undefined && { maxTimeS }),
});
export const random = (n: number): Check => ({ random: n });
export const pct = (n: number, depth: number): Check => ({ pct: n, depth });

/** What a scenario body becomes: the Rust flavour's `scenario` here, the tokio flavour's in ../shuttle-future. */
type ScenarioOf = (name: string, body: () => Promise<unknown>) => Scenario;

/** `passes` and `fails` for the scenarios of one flavour. */
export function shuttleChecks(scenarioOf: ScenarioOf) {
  async function check(name: string, body: () => Promise<unknown>, how: Check, all: boolean): Promise<RunResult> {
    const s = scenarioOf(name, body);
    if ('dfs' in how) {
      return exploreScenario(s, {
        maxTimeS: how.maxTimeS ?? 60,
        all,
        ...(how.synctest && { time: 'synctest' as const }),
        ...(how.maxExecutions !== undefined && { maxExecutions: how.maxExecutions }),
      });
    }
    if ('random' in how) return runScenario(s, { runs: how.random, strategy: 'random' });
    return runScenario(s, { runs: how.pct, strategy: 'pct', depth: how.depth });
  }

  /** A shuttle test that must pass: no finding, and an unbounded `check_dfs` completes. */
  async function passes(name: string, how: Check, body: () => Promise<unknown>): Promise<RunResult> {
    const r = await check(name, body, how, false);
    expect(r.error, humanReport(r)).toBeUndefined();
    expect(r.findings.map((f) => f.kind), humanReport(r)).toEqual([]);
    if ('dfs' in how && how.maxExecutions === undefined) expect(r.complete, humanReport(r)).toBe(true);
    return r;
  }

  /** `#[should_panic(expected = …)]`: some finding of one of `kinds`, its message matching `message`. */
  async function fails(name: string, how: Check, kinds: string[], message: RegExp | undefined, body: () => Promise<unknown>): Promise<RunResult> {
    const r = await check(name, body, how, 'dfs' in how);
    expect(r.error, humanReport(r)).toBeUndefined();
    expect(r.findings.length, humanReport(r)).toBeGreaterThan(0);
    const f = r.findings.find((x) => kinds.includes(x.kind));
    expect(f, humanReport(r)).toBeDefined();
    if (message) expect(f!.message, humanReport(r)).toMatch(message);
    return r;
  }

  return { passes, fails };
}

export const { passes, fails } = shuttleChecks((name, body) => scenario(name, body));
