/**
 * `simcc explore FILE` (systematic exploration: DPOR, bounded POR with --preemption-bound, or DFS with --no-dpor) and
 * `simcc merge A.json B.json …` (joins the reports of --shard runs into one verdict).
 *
 * Output: the JSON document on stdout (--json), else the human report on stdout; a scenario error is also
 * one line on stderr, and so is an exploration a budget stopped before it was complete with nothing found;
 * the progress line (a TTY, not --json) on stderr. Exit status as `run`: 0 nothing found, 1 a finding, 2 a
 * usage or scenario error; with --fail-on-incomplete, 1 also when nothing was found but the exploration
 * is not complete (a budget or the preemption bound left executions out).
 *
 * The time budget (--max-time) runs from the start of the process: the report is printed within it.
 */
import { InvalidArgumentError } from 'commander';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { DEFAULT_MAX_TIME_S, type ExploreReport } from '../harness/explore.js';
import { DEFAULT_PROBE_EXECUTIONS } from '../harness/explore-probes.js';
import { exploreFile } from '../harness/explore-supervisor.js';
import type { ExploreRequest } from '../harness/explore-protocol.js';
import { DEFAULT_LEAK_STEP_BOUND, DEFAULT_SYNC_TIMEOUT_MS } from '../harness/protocol.js';
import { errorLine } from '../report/human.js';
import { asShardDocument, coverageText, exploreDocument, mergeDocuments, mergedExitCode, renderExplore, renderMerged, type ShardDocument } from '../report/explore.js';
import { serialize } from '../report/json.js';
import { progressReporter } from '../report/progress.js';
import { exitCodeOf, verdictOf } from '../report/verdict.js';
import { modelBounds, UsageError, type CommonFlags } from './options.js';
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
  /** false with --no-probes: no bug-hunting phase before the proof. */
  probes: boolean;
  failOnIncomplete?: boolean;
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

/**
 * More workers than cores only take turns on the cores (and each imports and splits the scenario again):
 * they are capped at the number of cores, with a one-line note.
 */
export function fitWorkers(asked: number, cores = availableParallelism()): { workers: number; note?: string } {
  if (asked <= cores) return { workers: asked };
  return { workers: cores, note: `note: --workers ${asked} is more than the ${cores} cores of this machine: exploring with ${cores}` };
}

/** The one line on stderr for an exploration a budget stopped with nothing found (null otherwise). */
export function incompleteLine(file: string, report: ExploreReport, ctx: { maxExecutions?: number; maxTimeS?: number }): string | null {
  if (report.error || report.findings.length > 0 || report.complete) return null;
  if (report.stoppedBy !== 'max-time' && report.stoppedBy !== 'max-executions' && report.stoppedBy !== 'memory') return null;
  const count = (k: number, what: string) => `${k.toLocaleString('en-US')} ${what}${k === 1 ? '' : 's'}`;
  const probes = report.probes && report.probes.executions > 0 ? ` and ${count(report.probes.executions, 'probe')}` : '';
  const why = coverageText(report, ctx).replace(/^incomplete: /, '').replace(/ \(.*\)$/, '');
  const covered = `longest execution ${count(report.maxDepth, 'step')}, ${report.tasks.explored} of ${report.tasks.total} tasks explored`;
  const line = `${file}: nothing found, but the exploration is incomplete: ${why} after ${count(report.executions, 'execution')}${probes} (${covered})`;
  // Free time mode lets the earliest timer fire at any step; under synctest it fires only once every
  // goroutine is blocked, which is what most timeouts in tests mean and explores far fewer orders.
  return report.earlyTimers ? `${line}; timers fired while goroutines could run (free time mode): --time synctest fires them only once all are blocked` : line;
}

export async function exploreCommand(file: string, flags: ExploreFlags): Promise<number> {
  const maxTimeS = flags.maxTime ?? DEFAULT_MAX_TIME_S;
  const fitted = fitWorkers(flags.workers ?? 1);
  if (fitted.note) process.stderr.write(`${fitted.note}\n`);
  const request: ExploreRequest = {
    leakStepBound: DEFAULT_LEAK_STEP_BOUND,
    dpor: flags.dpor,
    all: flags.all === true,
    maxTimeMs: Math.round(maxTimeS * 1000),
    // The budget runs from the start of this process: the report is printed within it.
    startEpochMs: performance.timeOrigin,
    ...(flags.probes !== false && { probes: { executions: DEFAULT_PROBE_EXECUTIONS } }),
    shrink: flags.shrink,
    ...(flags.stepLimit !== undefined && { stepLimit: flags.stepLimit }),
    ...(flags.time !== undefined && { timeMode: flags.time }),
    ...modelBounds(flags),
    ...(flags.maxExecutions !== undefined && { maxExecutions: flags.maxExecutions }),
    ...(flags.preemptionBound !== undefined && { preemptionBound: flags.preemptionBound }),
    ...(flags.shard && { shard: flags.shard }),
    ...(flags.verifyDeterminism && { verifyDeterminism: true }),
  };
  if (flags.html !== undefined) checkHtmlPath(flags.html);
  const progress = progressReporter({ json: flags.json });
  progress.start(`simcc explore ${file}`);
  const watch = interruptible('explore', file, flags.json === true, flags.dpor ? 'dpor' : 'dfs');
  const report = await exploreFile(file, request, {
    workers: fitted.workers,
    syncTimeoutMs: flags.syncTimeout ?? DEFAULT_SYNC_TIMEOUT_MS,
    ...(flags.syncTimeout !== undefined && { importTimeoutMs: flags.syncTimeout }),
    scenarioStdout: flags.json ? 'stderr' : 'stdout',
    onProgress: (counts) => {
      watch.update(counts);
      progress.update(counts);
    },
    onFound: (findings) => watch.found(findings),
  });
  watch.done();
  progress.stop({ executions: report.executions, findings: report.findings.length });
  if (flags.json) process.stdout.write(serialize(exploreDocument(file, report)));
  if (report.error) process.stderr.write(`${errorLine(file, report.error)}\n`);
  const ctx = {
    file,
    maxTimeS,
    ...(flags.maxExecutions !== undefined && { maxExecutions: flags.maxExecutions }),
    ...(flags.stepLimit !== undefined && { stepLimit: flags.stepLimit }),
    ...(flags.time !== undefined && { time: flags.time }),
    ...modelBounds(flags),
  };
  if (!flags.json) process.stdout.write(renderExplore(report, ctx, makeChalk(flags.color)));
  if (flags.html !== undefined) {
    const htmlCtx = { file, ...(flags.stepLimit !== undefined && { stepLimit: flags.stepLimit }), ...(flags.time !== undefined && { time: flags.time }), ...modelBounds(flags) };
    process.stderr.write(`${emitHtml(flags.html, { scenario: report.scenario, flavour: report.flavour, findings: report.findings, traces: report.traces }, htmlCtx)}\n`);
  }
  const incomplete = incompleteLine(file, report, ctx);
  if (incomplete) process.stderr.write(`${incomplete}\n`);
  return exploreExitCode(report, flags.failOnIncomplete === true);
}

/** 0 nothing found, 1 a finding, 2 a scenario error; --fail-on-incomplete: 1 for nothing found in an incomplete exploration. */
export function exploreExitCode(report: ExploreReport, failOnIncomplete: boolean): 0 | 1 | 2 {
  const code = exitCodeOf(verdictOf(report));
  return code === 0 && failOnIncomplete && !report.complete ? 1 : code;
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
