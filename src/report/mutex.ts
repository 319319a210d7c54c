/**
 * Reports about staged Mutexes: the metrics line of `simcc run --mutex VARIANT`, and the comparison
 * of `simcc run --mutex all` (a table, then what reproduces each variant's finding), human and JSON.
 *
 * Invariant: the same reports give the same bytes (no timings); the contract's JSON fields come
 * first and keep their meaning (verdict: the worst of the four, executions: their sum, findings: all
 * of them, each tagged with its `mutexVariant`).
 */
import type { ChalkInstance } from 'chalk';
import type { Finding } from '../findings.js';
import type { RunReport } from '../harness/types.js';
import type { MutexMetrics } from '../primitives/go/mutex-variants/metrics.js';
import type { MutexVariant } from '../primitives/go/mutex-variants/variants.js';
import { errorLine } from './human.js';
import { findingDocument, runDocument } from './json.js';
import { reproduceCommands, type ReproduceContext } from './reproduce.js';
import { verdictOf, type Verdict } from './verdict.js';

export interface VariantRun {
  variant: MutexVariant;
  report: RunReport;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One line for a run whose staged Mutexes measured something. */
export function mutexMetricsLine(m: MutexMetrics): string {
  const parts = [
    plural(m.acquisitions, 'acquisition'),
    `longest wait ${m.longestWaitSteps} steps / ${m.longestWaitMs} ms`,
    plural(m.handoffs, 'hand-off'),
    `a newcomer beat a woken waiter ${plural(m.newcomerWins, 'time')}`,
  ];
  if (m.spins > 0) parts.push(plural(m.spins, 'spin'));
  if (m.starvationModeEntries > 0) parts.push(`starvation mode entered ${plural(m.starvationModeEntries, 'time')}`);
  return `Mutex (${m.variants.join(', ')}) over ${plural(m.executions, 'execution')}: ${parts.join(', ')}`;
}

/** Worst first: an error beats a finding beats a clean run. */
export function combinedVerdict(runs: readonly VariantRun[]): Verdict {
  const vs = runs.map((r) => verdictOf(r.report));
  return vs.includes('error') ? 'error' : vs.includes('fail') ? 'fail' : 'pass';
}

function findingCell(file: string, r: RunReport): string {
  if (r.error) return errorLine(file, r.error);
  const f = r.findings[0];
  if (!f) return '-';
  return `${f.kind}: ${f.message}${f.seed !== undefined ? ` (seed ${f.seed})` : ''}`;
}

export interface ComparisonContext extends ReproduceContext {
  firstSeed: number;
}

export function renderMutexComparison(runs: readonly VariantRun[], ctx: ComparisonContext, c: ChalkInstance): string {
  const first = runs[0]!.report;
  const header = ['variant', 'verdict', 'executions', 'acquisitions', 'longest wait', 'hand-offs', 'newcomer wins', 'finding'];
  const rows = runs.map(({ variant, report: r }) => {
    const m = r.mutexMetrics;
    const verdict = verdictOf(r);
    return [
      variant,
      verdict,
      String(r.executions),
      m ? String(m.acquisitions) : '-',
      m ? `${m.longestWaitSteps} steps / ${m.longestWaitMs} ms` : '-',
      m ? String(m.handoffs) : '-',
      m ? String(m.newcomerWins) : '-',
      findingCell(ctx.file, r),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[], paint: (s: string, i: number) => string = (s) => s) =>
    cells
      .map((cell, i) => paint(i === cells.length - 1 ? cell : cell.padEnd(widths[i]!), i))
      .join('  ')
      .trimEnd();
  const how = first.strategy === 'replay' ? 'the given schedule' : `${first.strategy}, seeds from ${ctx.firstSeed}`;
  const out = [
    `scenario '${first.scenario}' under each stage of Go's Mutex (${how}; counts are summed over the executions, the longest wait is the maximum):`,
    '',
    `  ${c.dim(line(header))}`,
    ...rows.map((row) =>
      `  ${line(row, (s, i) => (i !== 1 ? s : row[1] === 'pass' ? c.green(s) : c.red(s)))}`,
    ),
  ];
  const repro = runs.flatMap(({ variant, report: r }) =>
    r.findings.length ? reproduceCommands(r.findings.slice(0, 1), { ...ctx, mutex: variant }) : [],
  );
  if (repro.length) out.push('', c.bold('reproduce:'), ...repro.map((cmd) => `  ${c.green(cmd)}`));
  const missing = runs.every(({ report: r }) => !r.mutexMetrics && !r.error);
  if (missing) out.push('', c.yellow('note: no staged Mutex was used (every Mutex of the scenario names its own variant, or there is none)'));
  return `${out.join('\n')}\n`;
}

export function mutexComparisonDocument(file: string, runs: readonly VariantRun[]): Record<string, unknown> {
  const first = runs[0]!.report;
  const findings: (Finding & { mutexVariant: MutexVariant })[] = runs.flatMap(({ variant, report }) =>
    report.findings.map((f) => ({ ...f, mutexVariant: variant })),
  );
  const perVariant = runs.map(({ variant, report }) => {
    const { file: _file, scenario: _scenario, ...doc } = runDocument(file, report);
    return { variant, ...doc };
  });
  return {
    file,
    scenario: first.scenario,
    verdict: combinedVerdict(runs),
    strategy: first.strategy,
    executions: runs.reduce((n, r) => n + r.report.executions, 0),
    complete: runs.every((r) => r.report.complete),
    findings: findings.map(findingDocument),
    mutexComparison: perVariant,
  };
}
