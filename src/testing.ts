/**
 * simcc/testing: simcc from a test runner (vitest, jest, node:test), in the test's own process.
 *
 *   import { scenario, go, shared } from 'simcc';
 *   import { runScenario, exploreScenario, checkScenarios, matchers } from 'simcc/testing';
 *   expect.extend(matchers);                     // or: import 'simcc/testing/vitest'
 *
 *   const counter = scenario('counter', async () => { ... });
 *   expect(await exploreScenario(counter)).toFind('data-race');
 *   expect(await runScenario('scenarios/fixed.ts', { runs: 200 })).toHaveNoFindings();
 *
 * Each function returns the same object as the CLI's `--json` (run, explore, check).
 * A scenario given as a file runs as the CLI runs it: compiled, in a worker thread, watched (a scenario
 * that spins or awaits real I/O is stopped and reported as a scenario error). A Scenario object defined
 * inline in the test runs in the calling thread: it must await only simulated operations (a synchronous
 * loop there would block the test itself); its reproduce hint is `runScenario(s, { seed })` or
 * `{ schedule }`, which reruns exactly the reported execution.
 */
import { asScenario, type Scenario } from './api/scenario.js';
import { checkFiles, type CheckOptions } from './harness/check.js';
import { DEFAULT_MAX_TIME_S, exploreScenario as exploreInProcess, type ExploreReport } from './harness/explore.js';
import { exploreFile } from './harness/explore-supervisor.js';
import { DEFAULT_FIRST_SEED, DEFAULT_LEAK_STEP_BOUND, DEFAULT_RUNS, DEFAULT_STEP_LIMIT, DEFAULT_SYNC_TIMEOUT_MS, type TimeMode } from './harness/protocol.js';
import { runScenario as runInProcess } from './harness/runs.js';
import { runFile } from './harness/supervisor.js';
import { typecheckFiles } from './harness/typecheck.js';
import type { RunOptions, RunReport, StrategyName } from './harness/types.js';
import { checkDocument, checkResult, type CheckDocument, type CheckResult } from './report/check.js';
import { checkResultDocument, exploreResult, runResult, type ExploreResult, type RunResult } from './testing/documents.js';

export { matchers, type MatcherResult, type SimccMatchers } from './testing/matchers.js';
export { humanReport, type ExploreResult, type FindingResult, type RunResult } from './testing/documents.js';
export type { CheckDocument, CheckResult, CheckStatus, CheckSummary } from './report/check.js';

export interface CommonScenarioOptions {
  /** Steps one execution may take (default: the scenario's stepLimit, else 100000). */
  stepLimit?: number;
  /** When timers fire: 'free' (default) or 'synctest'. */
  time?: TimeMode;
  /** A file only: type-check it with the TypeScript compiler first (a type error is a scenario error). */
  typecheck?: boolean;
  /** A file only: stop a scenario that takes no simulated step for this long (default 2000 ms). */
  syncTimeoutMs?: number;
}

export interface RunScenarioOptions extends CommonScenarioOptions {
  /** Executions (default: the scenario's runs, else 1000; 1 with `seed` alone). */
  runs?: number;
  /** The first seed (default 1): `{ seed: N }` reruns the execution a report names. */
  seed?: number;
  /** Replay this printed schedule instead of drawing schedules. */
  schedule?: string;
  strategy?: 'random' | 'pct';
  /** PCT's bug depth. */
  depth?: number;
  /** Report the failing schedule as found (default: shrunk). */
  shrink?: boolean;
  verifyDeterminism?: boolean;
}

export interface ExploreScenarioOptions extends CommonScenarioOptions {
  /** Wall-clock budget in seconds (default 60). */
  maxTimeS?: number;
  maxExecutions?: number;
  /** List every distinct finding instead of stopping at the first. */
  all?: boolean;
  /** Only executions with at most this many preemptions (bounded partial-order reduction). */
  preemptionBound?: number;
  /** false: plain depth-first search, without partial-order reduction. */
  dpor?: boolean;
  /** A file only: worker threads sharing the exploration (default 1). */
  workers?: number;
}

export type CheckScenariosOptions = Omit<CheckOptions, 'onResult' | 'scenarioStdout'>;

type Target = string | Scenario | (() => unknown);

/** The Scenario an inline target is (a plain async function is one, as a default export may be). */
function inline(target: Exclude<Target, string>): Scenario {
  const s = asScenario(target, 'inline scenario');
  if (s === null) throw new TypeError('expected a scenario file path, a scenario(...) or an async function');
  return s;
}

/** The label of an inline scenario where the JSON has a file. */
const inlineFile = (s: Scenario) => `<inline scenario '${s.name}'>`;

/** A type error in a file, as the report of a scenario that could not run; undefined when it type-checks. */
async function typeError(file: string, strategy: StrategyName): Promise<RunReport | undefined> {
  const error = (await typecheckFiles([file])).get(file);
  if (error === undefined) return undefined;
  const scenario = file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return { scenario, strategy, executions: 0, complete: false, findings: [], error, steps: 0 };
}

/** Runs a scenario under many seeded schedules (or one schedule), like `simcc run`: stops at the first finding. */
export async function runScenario(target: Target, options: RunScenarioOptions = {}): Promise<RunResult> {
  const strategy: StrategyName = options.schedule !== undefined ? 'replay' : (options.strategy ?? 'random');
  const runs = options.schedule !== undefined ? 1 : (options.runs ?? (options.seed !== undefined ? 1 : undefined));
  const firstSeed = options.seed ?? DEFAULT_FIRST_SEED;
  const origin = { inline: typeof target !== 'string', ...(options.stepLimit !== undefined && { stepLimit: options.stepLimit }), ...(options.time !== undefined && { time: options.time }) };
  const shared = {
    ...(options.schedule !== undefined && { schedule: options.schedule }),
    ...(options.depth !== undefined && { depth: options.depth }),
    ...(options.shrink !== undefined && { shrink: options.shrink }),
    ...(options.verifyDeterminism && { verifyDeterminism: true }),
    ...(options.time !== undefined && { timeMode: options.time }),
  };
  if (typeof target === 'string') {
    const failed = options.typecheck ? await typeError(target, strategy) : undefined;
    const report =
      failed ??
      (await runFile(
        target,
        { strategy, firstSeed, leakStepBound: DEFAULT_LEAK_STEP_BOUND, ...(runs !== undefined && { runs }), ...(options.stepLimit !== undefined && { stepLimit: options.stepLimit }), ...shared },
        { syncTimeoutMs: options.syncTimeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS, scenarioStdout: 'stderr' },
      ));
    return runResult(target, report, origin, firstSeed);
  }
  const s = inline(target);
  const run: RunOptions = {
    strategy,
    runs: runs ?? s.options.runs ?? DEFAULT_RUNS,
    firstSeed,
    stepLimit: options.stepLimit ?? s.options.stepLimit ?? DEFAULT_STEP_LIMIT,
    leakStepBound: DEFAULT_LEAK_STEP_BOUND,
    ...shared,
  };
  return runResult(inlineFile(s), await runInProcess(s, run), origin, firstSeed);
}

/** Explores every interleaving of a scenario up to equivalence, like `simcc explore`. */
export async function exploreScenario(target: Target, options: ExploreScenarioOptions = {}): Promise<ExploreResult> {
  const maxTimeS = options.maxTimeS ?? DEFAULT_MAX_TIME_S;
  const dpor = options.dpor !== false;
  const origin = {
    inline: typeof target !== 'string',
    maxTimeS,
    ...(options.maxExecutions !== undefined && { maxExecutions: options.maxExecutions }),
    ...(options.stepLimit !== undefined && { stepLimit: options.stepLimit }),
    ...(options.time !== undefined && { time: options.time }),
  };
  const budget = {
    dpor,
    all: options.all === true,
    maxTimeMs: Math.round(maxTimeS * 1000),
    ...(options.maxExecutions !== undefined && { maxExecutions: options.maxExecutions }),
    ...(options.preemptionBound !== undefined && { preemptionBound: options.preemptionBound }),
  };
  if (typeof target === 'string') {
    const strategy = dpor ? 'dpor' : 'dfs';
    const failed = options.typecheck ? await typeError(target, strategy) : undefined;
    const report = failed
      ? ({ ...failed, strategy, pruned: 0, maxDepth: 0, tasks: { total: 0, explored: 0 }, foundIn: [], traces: [] } as ExploreReport)
      : await exploreFile(
          target,
          {
            ...budget,
            leakStepBound: DEFAULT_LEAK_STEP_BOUND,
            shrink: true,
            ...(options.stepLimit !== undefined && { stepLimit: options.stepLimit }),
            ...(options.time !== undefined && { timeMode: options.time }),
          },
          { workers: options.workers ?? 1, syncTimeoutMs: options.syncTimeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS, scenarioStdout: 'stderr' },
        );
    return exploreResult(target, report, origin);
  }
  const s = inline(target);
  const run: RunOptions = {
    strategy: 'dpor',
    runs: 1,
    firstSeed: DEFAULT_FIRST_SEED,
    stepLimit: options.stepLimit ?? s.options.stepLimit ?? DEFAULT_STEP_LIMIT,
    leakStepBound: DEFAULT_LEAK_STEP_BOUND,
    ...(options.time !== undefined && { timeMode: options.time }),
  };
  return exploreResult(inlineFile(s), await exploreInProcess(s, { ...budget, run }), origin);
}

/** An inline scenario's report as check judges it: explored, or run under seeded schedules. */
function inlineReport(s: Scenario, options: CheckScenariosOptions): Promise<RunReport | ExploreReport> {
  const run: RunOptions = {
    strategy: options.explore ? 'dpor' : 'random',
    runs: options.runs ?? s.options.runs ?? DEFAULT_RUNS,
    firstSeed: DEFAULT_FIRST_SEED,
    stepLimit: options.stepLimit ?? s.options.stepLimit ?? DEFAULT_STEP_LIMIT,
    leakStepBound: DEFAULT_LEAK_STEP_BOUND,
    ...(options.time !== undefined && { timeMode: options.time }),
  };
  if (!options.explore) return runInProcess(s, run);
  const maxTimeMs = Math.round((options.maxTimeS ?? DEFAULT_MAX_TIME_S) * 1000);
  return exploreInProcess(s, { run, dpor: true, all: false, maxTimeMs, ...(options.maxExecutions !== undefined && { maxExecutions: options.maxExecutions }) });
}

/**
 * Checks scenarios against their declared `expect`, like `simcc check`: folders and files (each in its
 * own worker, type-checked unless `typecheck: false`), and inline Scenario objects (run in this thread,
 * after the files).
 */
export async function checkScenarios(targets: Target | readonly Target[], options: CheckScenariosOptions = {}): Promise<CheckDocument> {
  const list = Array.isArray(targets) ? (targets as readonly Target[]) : [targets as Target];
  const paths = list.filter((t): t is string => typeof t === 'string');
  const inlines = list.filter((t): t is Exclude<Target, string> => typeof t !== 'string').map(inline);
  const mode = options.explore ? 'explore' : 'run';
  const fromFiles = paths.length > 0 ? await checkFiles(paths, options) : undefined;
  const ctx = {
    mode,
    ...(options.stepLimit !== undefined && { stepLimit: options.stepLimit }),
    ...(options.time !== undefined && { time: options.time }),
    ...(options.explore && { maxTimeS: options.maxTimeS ?? DEFAULT_MAX_TIME_S }),
    ...(options.maxExecutions !== undefined && { maxExecutions: options.maxExecutions }),
  } as const;
  const results: CheckResult[] = [...(fromFiles?.results ?? [])];
  for (const s of inlines) results.push(checkResult(inlineFile(s), await inlineReport(s, options), ctx));
  const skipped = fromFiles?.skipped ?? [];
  return checkResultDocument(
    checkDocument(mode, results, skipped, {
      ...(options.failOnIncomplete && { failOnIncomplete: true }),
      ...(options.shard && { shard: options.shard }),
    }),
  );
}
