/**
 * `simcc run FILE` and `simcc replay FILE --schedule S`: one scenario, one worker, one report.
 * Output: the JSON document on stdout (--json), else the human report on stdout; a scenario error is also
 * one line on stderr. Returns the exit status.
 */
import { runFile } from '../harness/supervisor.js';
import {
  DEFAULT_FIRST_SEED,
  DEFAULT_LEAK_STEP_BOUND,
  DEFAULT_SYNC_TIMEOUT_MS,
  type RunRequest,
} from '../harness/protocol.js';
import type { StrategyName } from '../harness/types.js';
import { errorLine, renderRun } from '../report/human.js';
import { runDocument, serialize } from '../report/json.js';
import { exitCodeOf, verdictOf } from '../report/verdict.js';
import type { CommonFlags } from './options.js';
import { makeChalk } from './style.js';

export interface RunFlags extends CommonFlags {
  seed?: number;
  runs?: number;
  strategy: StrategyName;
}

export interface ReplayFlags extends CommonFlags {
  schedule: string;
}

export function runCommand(file: string, flags: RunFlags): Promise<number> {
  // --seed N alone runs exactly that one execution; with --runs M, the M seeds from N on.
  const runs = flags.runs ?? (flags.seed !== undefined ? 1 : undefined);
  const firstSeed = flags.seed ?? DEFAULT_FIRST_SEED;
  return execute(file, flags, { strategy: flags.strategy, firstSeed, ...(runs !== undefined && { runs }) });
}

export function replayCommand(file: string, flags: ReplayFlags): Promise<number> {
  return execute(file, flags, { strategy: 'replay', runs: 1, firstSeed: DEFAULT_FIRST_SEED, schedule: flags.schedule });
}

async function execute(
  file: string,
  flags: CommonFlags,
  request: Omit<RunRequest, 'leakStepBound'>,
): Promise<number> {
  const full: RunRequest = {
    ...request,
    leakStepBound: DEFAULT_LEAK_STEP_BOUND,
    ...(flags.stepLimit !== undefined && { stepLimit: flags.stepLimit }),
    ...(flags.time !== undefined && { timeMode: flags.time }),
  };
  const report = await runFile(file, full, {
    syncTimeoutMs: flags.syncTimeout ?? DEFAULT_SYNC_TIMEOUT_MS,
    scenarioStdout: flags.json ? 'stderr' : 'stdout',
  });
  if (flags.json) process.stdout.write(serialize(runDocument(file, report)));
  if (report.error) process.stderr.write(`${errorLine(file, report.error)}\n`);
  else if (!flags.json) {
    const ctx = {
      file,
      firstSeed: full.firstSeed,
      ...(flags.stepLimit !== undefined && { stepLimit: flags.stepLimit }),
      ...(flags.time !== undefined && { time: flags.time }),
    };
    process.stdout.write(renderRun(report, ctx, makeChalk(flags.color)));
  }
  return exitCodeOf(verdictOf(report));
}
