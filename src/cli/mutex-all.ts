/**
 * `simcc run FILE --mutex all`: the scenario once per stage of Go's Mutex, each with the same seeds
 * (the same request, only `mutexVariant` differs), then one table comparing them (report/mutex.ts).
 * Exit status: 2 if any stage's run was a scenario error, else 1 if any stage has a finding, else 0.
 */
import { runFile } from '../harness/supervisor.js';
import { DEFAULT_LEAK_STEP_BOUND, DEFAULT_SYNC_TIMEOUT_MS, type RunRequest } from '../harness/protocol.js';
import { MUTEX_VARIANTS } from '../primitives/go/mutex-variants/variants.js';
import { serialize } from '../report/json.js';
import { combinedVerdict, mutexComparisonDocument, renderMutexComparison, type VariantRun } from '../report/mutex.js';
import { exitCodeOf } from '../report/verdict.js';
import type { CommonFlags } from './options.js';
import { mapLimited } from './pool.js';
import { makeChalk } from './style.js';

/** Two stages at a time, like `check` (CI has two cores). */
const CONCURRENCY = 2;

export async function mutexAllCommand(file: string, flags: CommonFlags, request: Omit<RunRequest, 'leakStepBound'>): Promise<number> {
  const base: RunRequest = {
    ...request,
    leakStepBound: DEFAULT_LEAK_STEP_BOUND,
    ...(flags.stepLimit !== undefined && { stepLimit: flags.stepLimit }),
    ...(flags.time !== undefined && { timeMode: flags.time }),
  };
  const options = { syncTimeoutMs: flags.syncTimeout ?? DEFAULT_SYNC_TIMEOUT_MS, ...(flags.syncTimeout !== undefined && { importTimeoutMs: flags.syncTimeout }), scenarioStdout: flags.json ? ('stderr' as const) : ('stdout' as const) };
  const pending = mapLimited(MUTEX_VARIANTS, CONCURRENCY, (variant) => runFile(file, { ...base, mutexVariant: variant }, options));
  const runs: VariantRun[] = [];
  for (const [i, p] of pending.entries()) runs.push({ variant: MUTEX_VARIANTS[i]!, report: await p });

  if (flags.json) {
    process.stdout.write(serialize(mutexComparisonDocument(file, runs)));
  } else {
    const ctx = {
      file,
      firstSeed: base.firstSeed,
      ...(flags.stepLimit !== undefined && { stepLimit: flags.stepLimit }),
      ...(flags.time !== undefined && { time: flags.time }),
    };
    process.stdout.write(renderMutexComparison(runs, ctx, makeChalk(flags.color)));
  }
  return exitCodeOf(combinedVerdict(runs));
}
