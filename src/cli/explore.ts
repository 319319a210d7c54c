/**
 * `simcc explore FILE` (systematic exploration: DPOR, or DFS with --no-dpor / --preemption-bound) and
 * `simcc merge A.json B.json …` (joins the reports of --shard runs into one verdict).
 *
 * Output: the JSON document on stdout (--json), else the human report on stdout; a scenario error is also
 * one line on stderr; the progress line (a TTY, not --json) on stderr. Exit status as `run`: 0 nothing
 * found, 1 a finding, 2 a usage or scenario error.
 */
import { InvalidArgumentError } from 'commander';
import { readFile } from 'node:fs/promises';
import { DEFAULT_MAX_TIME_S } from '../harness/explore.js';
import { exploreFile } from '../harness/explore-supervisor.js';
import type { ExploreRequest } from '../harness/explore-protocol.js';
import { DEFAULT_LEAK_STEP_BOUND, DEFAULT_SYNC_TIMEOUT_MS } from '../harness/protocol.js';
import { errorLine } from '../report/human.js';
import { asShardDocument, exploreDocument, mergeDocuments, mergedExitCode, renderExplore, renderMerged, type ShardDocument } from '../report/explore.js';
import { serialize } from '../report/json.js';
import { progressReporter } from '../report/progress.js';
import { exitCodeOf, verdictOf } from '../report/verdict.js';
import { UsageError, type CommonFlags } from './options.js';
import { makeChalk } from './style.js';
import { checkHtmlPath, emitHtml } from './html-option.js';
import { interruptible } from './interrupt.js';

export const MAX_WORKERS = 64;

export interface ExploreFlags extends CommonFlags {
  maxExecutions?: number;
  maxTime?: number;
  preemptionBound?: number;
  all?: boolean;
  workers?: number;
  shard?: { index: number; count: number };
  dpor: boolean;
  shrink: boolean;
  verifyDeterminism?: boolean;
}

function whole(min: number, max: number, what: string) {
  return (value: string): number => {
    const v = value.trim();
    const n = /^\d+$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected ${what}`);
    return n;
  };
}

export const parseMaxExecutions = whole(1, Number.MAX_SAFE_INTEGER, 'a positive integer');
export const parsePreemptionBound = whole(0, 1000, 'an integer from 0 to 1000');
export const parseWorkers = whole(1, MAX_WORKERS, `an integer from 1 to ${MAX_WORKERS}`);

/** --max-time: seconds, a positive number (decimals allowed). */
export function parseMaxTime(value: string): number {
  const v = value.trim();
  const n = /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n) || n <= 0 || n > 7 * 24 * 3600) throw new InvalidArgumentError('expected a positive number of seconds');
  return n;
}

/** --shard i/n: this job's part of a split into n, 1 ≤ i ≤ n. */
export function parseShard(value: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || count > 100_000 || index < 1 || index > count) {
    throw new InvalidArgumentError('expected i/n with 1 ≤ i ≤ n, e.g. 2/4');
  }
  return { index, count };
}

export async function exploreCommand(file: string, flags: ExploreFlags): Promise<number> {
  const maxTimeS = flags.maxTime ?? DEFAULT_MAX_TIME_S;
  const request: ExploreRequest = {
    leakStepBound: DEFAULT_LEAK_STEP_BOUND,
    dpor: flags.dpor,
    all: flags.all === true,
    maxTimeMs: Math.round(maxTimeS * 1000),
    shrink: flags.shrink,
    ...(flags.stepLimit !== undefined && { stepLimit: flags.stepLimit }),
    ...(flags.time !== undefined && { timeMode: flags.time }),
    ...(flags.maxExecutions !== undefined && { maxExecutions: flags.maxExecutions }),
    ...(flags.preemptionBound !== undefined && { preemptionBound: flags.preemptionBound }),
    ...(flags.shard && { shard: flags.shard }),
    ...(flags.verifyDeterminism && { verifyDeterminism: true }),
  };
  if (flags.html !== undefined) checkHtmlPath(flags.html);
  const progress = progressReporter({ json: flags.json });
  progress.start(`simcc explore ${file}`);
  const watch = interruptible('explore', file, flags.json === true, flags.dpor && flags.preemptionBound === undefined ? 'dpor' : 'dfs');
  const report = await exploreFile(file, request, {
    workers: flags.workers ?? 1,
    syncTimeoutMs: flags.syncTimeout ?? DEFAULT_SYNC_TIMEOUT_MS,
    scenarioStdout: flags.json ? 'stderr' : 'stdout',
    onProgress: (counts) => {
      watch.update(counts);
      progress.update(counts);
    },
  });
  watch.done();
  progress.stop({ executions: report.executions, findings: report.findings.length });
  if (flags.json) process.stdout.write(serialize(exploreDocument(file, report)));
  if (report.error) process.stderr.write(`${errorLine(file, report.error)}\n`);
  if (!flags.json) {
    const ctx = {
      file,
      maxTimeS,
      ...(flags.maxExecutions !== undefined && { maxExecutions: flags.maxExecutions }),
      ...(flags.stepLimit !== undefined && { stepLimit: flags.stepLimit }),
      ...(flags.time !== undefined && { time: flags.time }),
    };
    process.stdout.write(renderExplore(report, ctx, makeChalk(flags.color)));
  }
  if (flags.html !== undefined) {
    const ctx = { file, ...(flags.stepLimit !== undefined && { stepLimit: flags.stepLimit }), ...(flags.time !== undefined && { time: flags.time }) };
    process.stderr.write(`${emitHtml(flags.html, { scenario: report.scenario, findings: report.findings, traces: report.traces }, ctx)}\n`);
  }
  return exitCodeOf(verdictOf(report));
}

export interface MergeFlags {
  json?: boolean;
  color: boolean;
}

export async function mergeCommand(files: string[], flags: MergeFlags): Promise<number> {
  const docs: ShardDocument[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = await readFile(f, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${f}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((err as Error).message)}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new UsageError(`${f}: not JSON (expected the output of simcc explore --json)`);
    }
    const doc = asShardDocument(parsed, f);
    if (typeof doc === 'string') throw new UsageError(doc);
    docs.push(doc);
  }
  const merged = mergeDocuments(docs);
  if (typeof merged === 'string') throw new UsageError(merged);
  if (flags.json) process.stdout.write(serialize(merged.doc));
  else process.stdout.write(renderMerged(merged, makeChalk(flags.color)));
  return mergedExitCode(merged);
}
