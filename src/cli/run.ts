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
import { progressReporter, type Progress, type ProgressCounts } from '../report/progress.js';
import { modelBounds, UsageError, type CommonFlags } from './options.js';
import { mutexAllCommand } from './mutex-all.js';
import type { MutexChoice } from './mutex-option.js';
import type { MutexVariant } from '../primitives/go/mutex-variants/variants.js';
import { mutexMetricsLine } from '../report/mutex.js';
import { makeChalk } from './style.js';
import { checkHtmlPath, emitHtml } from './html-option.js';
import { replaySchedule } from './replay-schedule.js';
import { interruptible } from './interrupt.js';

export interface RunFlags extends CommonFlags {
  seed?: number;
  runs?: number;
  strategy: StrategyName;
  depth?: number;
  pctSteps?: number;
  verifyDeterminism?: boolean;
  /** false with --no-shrink. */
  shrink: boolean;
  /** --mutex VARIANT|all. */
  mutex?: MutexChoice;
}

export interface ReplayFlags extends CommonFlags {
  schedule?: string;
  scheduleFile?: string;
  /** --mutex VARIANT. */
  mutex?: MutexVariant;
}

export function runCommand(file: string, flags: RunFlags): Promise<number> {
  for (const [flag, given] of [['--depth', flags.depth], ['--pct-steps', flags.pctSteps]] as const) {
    if (given !== undefined && flags.strategy !== 'pct') throw new UsageError(`${flag} applies only to --strategy pct`);
  }
  // --seed N alone runs exactly that one execution; with --runs M, the M seeds from N on.
  const runs = flags.runs ?? (flags.seed !== undefined ? 1 : undefined);
  const firstSeed = flags.seed ?? DEFAULT_FIRST_SEED;
  const request: Omit<RunRequest, 'leakStepBound'> = {
    strategy: flags.strategy,
    firstSeed,
    ...(runs !== undefined && { runs }),
    ...(flags.depth !== undefined && { depth: flags.depth }),
    ...(flags.pctSteps !== undefined && { pctSteps: flags.pctSteps }),
    ...(!flags.shrink && { shrink: false }),
    ...(flags.verifyDeterminism && { verifyDeterminism: true }),
  };
  // --mutex all: once per stage of Go's Mutex, compared in a table (cli/mutex-all.ts).
  if (flags.mutex === 'all' && flags.html !== undefined) throw new UsageError('--html shows one execution: give --mutex one variant, not all');
  if (flags.mutex === 'all') return mutexAllCommand(file, flags, request);
  // A progress line is for many executions: not for the one `--seed N` names.
  const progress = runs === 1 ? undefined : progressReporter({ json: flags.json });
  return execute(file, flags, { ...request, ...(flags.mutex !== undefined && { mutexVariant: flags.mutex }) }, progress);
}

export function replayCommand(file: string, flags: ReplayFlags): Promise<number> {
  return execute(file, flags, {
    strategy: 'replay',
    runs: 1,
    firstSeed: DEFAULT_FIRST_SEED,
    schedule: replaySchedule(flags),
    ...(flags.mutex !== undefined && { mutexVariant: flags.mutex }),
  });
}

async function execute(
  file: string,
  flags: CommonFlags,
  request: Omit<RunRequest, 'leakStepBound'>,
  progress?: Progress,
): Promise<number> {
  const full: RunRequest = {
    ...request,
    leakStepBound: DEFAULT_LEAK_STEP_BOUND,
    ...(flags.stepLimit !== undefined && { stepLimit: flags.stepLimit }),
    ...(flags.time !== undefined && { timeMode: flags.time }),
    ...modelBounds(flags),
  };
  if (flags.html !== undefined) checkHtmlPath(flags.html);
  progress?.start(`simcc run ${file}`);
  const watch = interruptible(full.strategy === 'replay' ? 'replay' : 'run', file, flags.json === true, full.strategy);
  const report = await runFile(file, full, {
    syncTimeoutMs: flags.syncTimeout ?? DEFAULT_SYNC_TIMEOUT_MS,
    ...(flags.syncTimeout !== undefined && { importTimeoutMs: flags.syncTimeout }),
    scenarioStdout: flags.json ? 'stderr' : 'stdout',
    onProgress: (counts: ProgressCounts) => {
      watch.update(counts);
      progress?.update(counts);
    },
    onFound: (findings) => watch.found(findings),
  });
  watch.done();
  progress?.stop({ executions: report.executions, findings: report.findings.length });
  if (flags.json) process.stdout.write(serialize(runDocument(file, report)));
  if (report.error) process.stderr.write(`${errorLine(file, report.error)}\n`);
  else if (!flags.json) {
    const ctx = {
      file,
      firstSeed: full.firstSeed,
      ...(flags.stepLimit !== undefined && { stepLimit: flags.stepLimit }),
      ...(flags.time !== undefined && { time: flags.time }),
      ...modelBounds(flags),
      ...(full.mutexVariant !== undefined && { mutex: full.mutexVariant }),
    };
    process.stdout.write(renderRun(report, ctx, makeChalk(flags.color)));
    if (report.mutexMetrics) process.stdout.write(`${mutexMetricsLine(report.mutexMetrics)}\n`);
  }
  if (flags.html !== undefined) {
    const ctx = { file, ...(flags.stepLimit !== undefined && { stepLimit: flags.stepLimit }), ...(flags.time !== undefined && { time: flags.time }), ...modelBounds(flags), ...(full.mutexVariant !== undefined && { mutex: full.mutexVariant }) };
    process.stderr.write(`${emitHtml(flags.html, { scenario: report.scenario, flavour: report.flavour, findings: report.findings, traces: report.findings.map(() => report.trace) }, ctx)}\n`);
  }
  return exitCodeOf(verdictOf(report));
}
