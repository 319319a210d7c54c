/**
 * `simcc check`'s results, as one document that every reporter renders (human lines, JSON, JUnit XML,
 * GitHub annotations) and that `simcc merge` joins across shards.
 *
 *   PASS  scenarios/ch01/counter.ts  found data-race (expected data-race)
 *   FAIL  scenarios/ch03/x.ts  found deadlock (expected data-race): all goroutines are asleep - deadlock! at scenarios/ch03/x.ts:12:5
 *     reproduce: simcc replay scenarios/ch03/x.ts --schedule '…'
 *   ERROR  scenarios/ch03/y.ts  scenarios/ch03/y.ts:3:5: TS2339: Property 'lokc' does not exist on type 'Mutex'.
 *   INCOMPLETE  scenarios/ch09/z.ts  no findings in 1,000 executions (dpor): incomplete: --max-time 10 s reached (…)
 *   2 passed, 1 failed, 1 error, 1 incomplete (1 helper file skipped)
 *
 * A failure's line is followed by the first command that reproduces it.
 *
 * A scenario's status: `error` when it could not be run (counted apart from failures); `passed` when it
 * met its `expect` (report/verdict.ts checkPasses); `incomplete` when an exploration that was to find
 * nothing found nothing but did not cover every interleaving (a failure only with --fail-on-incomplete);
 * else `failed` (an expected finding not found, even by an incomplete exploration, is a failure).
 *
 * Invariant: the document holds nothing time- or machine-dependent, so one run and the merge of its
 * shards give the same bytes.
 */
import type { FaultOptions } from '../runtime/injector.js';
import type { ChalkInstance } from 'chalk';
import type { ExploreReport } from '../harness/explore.js';
import type { RunReport } from '../harness/types.js';
import { coverageText, exploreDocument } from './explore.js';
import { errorLine } from './human.js';
import { runDocument, type RunResult } from './json.js';
import { reproduceCommands } from './reproduce.js';
import { checkPasses, foundKinds } from './verdict.js';

export type CheckStatus = 'passed' | 'failed' | 'error' | 'incomplete';
export type CheckMode = 'run' | 'explore';

/** One scenario's result: the `--json` document of run (or explore), and check's judgement of it. */
export interface CheckResult extends RunResult {
  expect: string[];
  /** status === 'passed' (kept for readers of the first check documents). */
  passed: boolean;
  status: CheckStatus;
  /** The human line's text after the file name. */
  outcome: string;
  /** Commands that reproduce the first finding. */
  reproduce: string[];
}

export interface CheckSummary {
  total: number;
  passed: number;
  failed: number;
  errors: number;
  incomplete: number;
  /** Helper modules found in the folders and not run. */
  skipped: number;
}

export interface CheckDocument {
  mode: CheckMode;
  results: CheckResult[];
  summary: CheckSummary;
  /** The helper modules that were skipped. */
  skipped: string[];
  /** --fail-on-incomplete: an incomplete exploration fails the check. */
  failOnIncomplete?: true;
  /** --shard i/n: this document holds only that part of the scenarios (simcc merge joins them). */
  shard?: { index: number; count: number };
}

/** What check needs to know of how the scenarios were run, to word results and reproduce commands. */
export interface CheckContext {
  mode: CheckMode;
  stepLimit?: number;
  time?: string;
  atomicHistory?: number;
  spuriousWakeups?: number;
  faults?: FaultOptions;
  maxTimeS?: number;
  maxExecutions?: number;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

export function checkResult(file: string, report: RunReport | ExploreReport, ctx: CheckContext): CheckResult {
  const explored = ctx.mode === 'explore' && 'tasks' in report;
  const base = explored ? exploreDocument(file, report as ExploreReport) : runDocument(file, report);
  const expect = report.expect ?? [];
  const status = statusOf(report, explored);
  const first = report.findings[0];
  const reproduce = first
    ? reproduceCommands([first], {
        file,
        ...(ctx.stepLimit !== undefined && { stepLimit: ctx.stepLimit }),
        ...(ctx.time !== undefined && { time: ctx.time }),
        ...(ctx.atomicHistory !== undefined && { atomicHistory: ctx.atomicHistory }),
        ...(ctx.spuriousWakeups !== undefined && { spuriousWakeups: ctx.spuriousWakeups }),
        ...(ctx.faults !== undefined && { faults: ctx.faults }),
      })
    : [];
  return { ...base, expect, passed: status === 'passed', status, outcome: outcome(file, report, explored, ctx), reproduce } as CheckResult;
}

function statusOf(report: RunReport, explored: boolean): CheckStatus {
  if (report.error) return 'error';
  const expectsNothing = (report.expect ?? []).length === 0;
  if (explored && expectsNothing && report.findings.length === 0 && !report.complete) return 'incomplete';
  return checkPasses(report) ? 'passed' : 'failed';
}

function outcome(file: string, report: RunReport, explored: boolean, ctx: CheckContext): string {
  if (report.error) return errorLine(file, report.error).replace(/^error: /, '');
  const expect = report.expect ?? [];
  const expected = expect.length > 0 ? `expected ${expect.join(', ')}` : 'expected no findings';
  const how = explored ? `${plural(report.executions, 'execution')} (${report.strategy})` : plural(report.executions, 'execution');
  const coverage = explored ? `: ${coverageText(report as ExploreReport, ctx)}` : report.complete ? ', every behaviour covered' : '';
  if (report.findings.length === 0) {
    return expect.length > 0 ? `found nothing in ${how}${coverage} (${expected})` : `no findings in ${how}${coverage}`;
  }
  const seed = report.findings.find((f) => f.seed !== undefined)?.seed;
  const found = `found ${foundKinds(report).join(', ')}${seed !== undefined ? ` with seed ${seed}` : ''} (${expected})`;
  if (checkPasses(report)) return found;
  const f = report.findings.find((x) => !expect.includes(x.kind)) ?? report.findings[0]!;
  return `${found}: ${f.kind}: ${f.message}${f.locations[0] ? ` at ${f.locations[0]}` : ''}`;
}

export function summarize(results: readonly CheckResult[], skipped: number): CheckSummary {
  const count = (s: CheckStatus) => results.filter((r) => r.status === s).length;
  return { total: results.length, passed: count('passed'), failed: count('failed'), errors: count('error'), incomplete: count('incomplete'), skipped };
}

export function checkDocument(mode: CheckMode, results: CheckResult[], skipped: string[], extra: Pick<CheckDocument, 'failOnIncomplete' | 'shard'>): CheckDocument {
  return {
    mode,
    results,
    summary: summarize(results, skipped.length),
    skipped,
    ...(extra.failOnIncomplete && { failOnIncomplete: true as const }),
    ...(extra.shard && { shard: extra.shard }),
  };
}

/** 0 when every scenario passed (incomplete ones too, unless they fail), 2 when any could not run, else 1. */
export function checkDocumentExitCode(doc: Pick<CheckDocument, 'summary' | 'failOnIncomplete'>): 0 | 1 | 2 {
  const s = doc.summary;
  if (s.errors > 0) return 2;
  return s.failed > 0 || (doc.failOnIncomplete && s.incomplete > 0) ? 1 : 0;
}

/** Whether this result fails the check. */
export function isFailure(r: CheckResult, failOnIncomplete: boolean | undefined): boolean {
  return r.status === 'failed' || (r.status === 'incomplete' && failOnIncomplete === true);
}

const MARK: Record<CheckStatus, string> = { passed: 'PASS', failed: 'FAIL', error: 'ERROR', incomplete: 'INCOMPLETE' };

/** One scenario's human lines: the verdict line, and for a failure the command that reproduces it. */
export function checkLines(r: CheckResult, c: ChalkInstance, failOnIncomplete?: boolean): string[] {
  const paint = r.status === 'passed' ? c.green : r.status === 'incomplete' && !failOnIncomplete ? c.yellow : c.red;
  const lines = [`${paint(MARK[r.status])}  ${r.file}  ${r.outcome}`];
  // The first command is enough to rerun it (the JSON document has them all).
  if (r.status === 'failed' && r.reproduce[0]) lines.push(`  reproduce: ${c.green(r.reproduce[0])}`);
  return lines;
}

export function checkSummaryLine(doc: Pick<CheckDocument, 'summary' | 'failOnIncomplete'>, c: ChalkInstance): string {
  const s = doc.summary;
  const text =
    `${s.passed} passed, ${s.failed} failed, ${plural(s.errors, 'error')}, ${s.incomplete} incomplete` +
    (s.skipped > 0 ? ` (${plural(s.skipped, 'helper file')} skipped)` : '');
  return checkDocumentExitCode(doc) === 0 ? c.green(text) : c.red(text);
}

/** The whole human report of a document (what `check` prints line by line as results come in). */
export function renderCheck(doc: CheckDocument, c: ChalkInstance): string {
  const lines = doc.results.flatMap((r) => checkLines(r, c, doc.failOnIncomplete));
  lines.push(checkSummaryLine(doc, c));
  return `${lines.join('\n')}\n`;
}
