/**
 * loom's harness in simcc terms: `loom::model(|| …)` is an exhaustive exploration (DPOR) of an inline
 * Rust-flavour scenario; a normal test completes with no finding; `#[should_panic]` is a finding of the
 * kind loom's failure corresponds to (panic / assertion / data-race for a causality violation / deadlock).
 */
import { expect } from 'vitest';
import { scenario } from '../../../src/rust.js';
import { exploreScenario, humanReport, type ExploreResult, type ExploreScenarioOptions } from '../../../src/testing.js';

/** `loom::model(body)` for a test that must pass: the exploration finishes and finds nothing. */
export async function model(name: string, body: () => Promise<unknown>, opts: ExploreScenarioOptions = {}): Promise<ExploreResult> {
  const r = await exploreScenario(scenario(name, body), { maxTimeS: 60, ...opts });
  expect(r.error, humanReport(r)).toBeUndefined();
  expect(r.findings.map((f) => f.kind), humanReport(r)).toEqual([]);
  expect(r.complete, humanReport(r)).toBe(true);
  return r;
}

/**
 * `#[should_panic] loom::model(body)`: the exploration finds something, and (with `all`) the first
 * finding's kind is one of `kinds`; `message`, when given, is matched against it.
 */
export async function modelFails(
  name: string,
  body: () => Promise<unknown>,
  kinds: string[],
  message?: RegExp,
  opts: ExploreScenarioOptions = {},
): Promise<ExploreResult> {
  const r = await exploreScenario(scenario(name, body), { maxTimeS: 60, ...opts });
  expect(r.error, humanReport(r)).toBeUndefined();
  expect(r.findings.length, humanReport(r)).toBeGreaterThan(0);
  const f = r.findings.find((x) => kinds.includes(x.kind));
  expect(f, humanReport(r)).toBeDefined();
  if (message) expect(f!.message).toMatch(message);
  return r;
}
