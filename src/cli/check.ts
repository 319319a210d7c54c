/**
 * `simcc check DIR…`: every scenario below the DIRs, each in its own worker exactly as `run` would run it,
 * judged against its declared `expect` (see report/verdict.ts). Two scenarios run at a time (CI has 2 cores);
 * lines are printed in sorted file order as soon as each one and all before it are done.
 */
import { runFile } from '../harness/supervisor.js';
import {
  DEFAULT_FIRST_SEED,
  DEFAULT_LEAK_STEP_BOUND,
  DEFAULT_SYNC_TIMEOUT_MS,
  type RunRequest,
} from '../harness/protocol.js';
import type { RunReport } from '../harness/types.js';
import { checkLine, checkSummary } from '../report/check.js';
import { checkDocument, serialize } from '../report/json.js';
import { checkExitCode } from '../report/verdict.js';
import { discoverScenarios } from './discover.js';
import { UsageError, type CommonFlags } from './options.js';
import { mapLimited } from './pool.js';
import { makeChalk } from './style.js';

export const CHECK_CONCURRENCY = 2;

export interface CheckFlags extends CommonFlags {
  runs?: number;
}

export async function checkCommand(roots: string[], flags: CheckFlags): Promise<number> {
  const files = await discoverScenarios(roots);
  if (files.length === 0) throw new UsageError(`no scenario files (*.ts) under ${roots.join(', ')}`);
  const request: RunRequest = {
    strategy: 'random',
    firstSeed: DEFAULT_FIRST_SEED,
    leakStepBound: DEFAULT_LEAK_STEP_BOUND,
    ...(flags.runs !== undefined && { runs: flags.runs }),
    ...(flags.stepLimit !== undefined && { stepLimit: flags.stepLimit }),
    ...(flags.time !== undefined && { timeMode: flags.time }),
  };
  // Scenario output goes to stderr: stdout holds only the verdict lines (or the JSON document).
  const options = { syncTimeoutMs: flags.syncTimeout ?? DEFAULT_SYNC_TIMEOUT_MS, scenarioStdout: 'stderr' as const };
  const pending = mapLimited(files, CHECK_CONCURRENCY, (file) => runFile(file, request, options));

  const c = makeChalk(flags.color);
  const reports: RunReport[] = [];
  for (const [i, promise] of pending.entries()) {
    const report = await promise;
    reports.push(report);
    if (!flags.json) process.stdout.write(`${checkLine(files[i]!, report, c)}\n`);
  }
  if (flags.json) process.stdout.write(serialize(checkDocument(files.map((file, i) => ({ file, report: reports[i]! })))));
  else process.stdout.write(`${checkSummary(reports, c)}\n`);
  return checkExitCode(reports);
}
