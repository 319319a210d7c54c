/** Shared helpers for unit tests: run a scenario body in-process, as the CLI's worker would. */
import { scenario, type Scenario } from '../src/api/scenario.js';
import { runScenario } from '../src/harness/runs.js';
import type { RunOptions, RunReport } from '../src/harness/types.js';

export const DEFAULTS: RunOptions = {
  strategy: 'random',
  runs: 200,
  firstSeed: 1,
  stepLimit: 10_000,
  leakStepBound: 1_000,
};

export function run(body: () => Promise<unknown>, opts: Partial<RunOptions> = {}): Promise<RunReport> {
  return runScenario(scenario('test', body), { ...DEFAULTS, ...opts });
}

export function runS(s: Scenario, opts: Partial<RunOptions> = {}): Promise<RunReport> {
  return runScenario(s, { ...DEFAULTS, ...opts });
}

export function kinds(r: RunReport): string[] {
  return r.findings.map((f) => f.kind);
}
