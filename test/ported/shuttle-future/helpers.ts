/**
 * shuttle's async harness in simcc/tokio terms. shuttle runs `future::spawn`ed futures as tasks on its
 * own executor and `future::block_on` on the calling thread; simcc's tokio flavour runs the scenario body
 * as `#[tokio::main]`'s body, so `block_on(f)` is simply `await f` in the body and `future::spawn` is
 * tokio's `spawn`. The checks are the ones of ../shuttle/helpers.ts (`check_dfs` → an exhaustive
 * `explore`, `check_random(f, n)` → n random runs, `check_pct(f, n, d)` → n PCT runs of depth d).
 */
import { expect } from 'vitest';
import { scenario } from '../../../src/tokio.js';
import { exploreScenario, humanReport, runScenario, type RunResult } from '../../../src/testing.js';
import type { Check } from '../shuttle/helpers.js';

export { dfs, random, pct } from '../shuttle/helpers.js';
export type { Check };

/**
 * `check_dfs` where the test orders tasks by sleeping: shuttle has no clock that fires a timer while a
 * task could still run, so these use synctest time (a timer fires only once every task is blocked).
 */
export const dfsSynctest = (): Check => ({ dfs: true, synctest: true });

async function check(name: string, body: () => Promise<unknown>, how: Check, all: boolean): Promise<RunResult> {
  const s = scenario(name, body);
  if ('dfs' in how) return exploreScenario(s, { maxTimeS: how.maxTimeS ?? 60, all, ...(how.synctest && { time: 'synctest' as const }), ...(how.maxExecutions !== undefined && { maxExecutions: how.maxExecutions }) });
  if ('random' in how) return runScenario(s, { runs: how.random, strategy: 'random' });
  return runScenario(s, { runs: how.pct, strategy: 'pct', depth: how.depth });
}

/** A shuttle test that must pass: no finding, and an unbounded `check_dfs` completes. */
export async function passes(name: string, how: Check, body: () => Promise<unknown>): Promise<RunResult> {
  const r = await check(name, body, how, false);
  expect(r.error, humanReport(r)).toBeUndefined();
  expect(r.findings.map((f) => f.kind), humanReport(r)).toEqual([]);
  if ('dfs' in how && how.maxExecutions === undefined) expect(r.complete, humanReport(r)).toBe(true);
  return r;
}

/** `#[should_panic(expected = …)]`: some finding of one of `kinds`, its message matching `message`. */
export async function fails(name: string, how: Check, kinds: string[], message: RegExp | undefined, body: () => Promise<unknown>): Promise<RunResult> {
  const r = await check(name, body, how, 'dfs' in how);
  expect(r.error, humanReport(r)).toBeUndefined();
  const f = r.findings.find((x) => kinds.includes(x.kind));
  expect(f, humanReport(r)).toBeDefined();
  if (message) expect(f!.message, humanReport(r)).toMatch(message);
  return r;
}
