/**
 * The result objects of simcc/testing: exactly the `--json` documents of `run`, `explore` and `check`,
 * plus (out of sight of JSON.stringify and of deep equality: a non-enumerable symbol) what is needed
 * to print simcc's human report of them, which the matchers use as their failure message.
 */
import { makeChalk } from '../cli/style.js';
import type { ExploreReport } from '../harness/explore.js';
import type { RunReport } from '../harness/types.js';
import { renderCheck, type CheckDocument } from '../report/check.js';
import { renderExplore } from '../report/explore.js';
import { errorLine, renderRun } from '../report/human.js';
import { exploreDocument } from '../report/explore.js';
import { runDocument, type ExploreResult, type FindingResult, type RunResult } from '../report/json.js';

export type { ExploreResult, FindingResult, RunResult };

const HUMAN = Symbol.for('simcc.testing.human');

/** How the scenario was given: a file (reproduce with the CLI) or an inline Scenario (reproduce in-process). */
export interface Origin {
  inline: boolean;
  stepLimit?: number;
  time?: string;
  maxTimeS?: number;
  maxExecutions?: number;
}

function attach<T extends object>(doc: T, render: () => string): T {
  Object.defineProperty(doc, HUMAN, { value: render, enumerable: false });
  return doc;
}

const plain = makeChalk(false);

/** Replaces the CLI's reproduce commands of an inline scenario by the calls that rerun it. */
function inlineReproduce(text: string, findings: RunReport['findings']): string {
  const head = text.replace(/\nreproduce:\n(?: {2}.*\n?)*$/, '\n');
  const f = findings[0];
  if (!f) return head;
  const how = f.seed !== undefined && !f.shrunk ? `{ seed: ${f.seed} }` : `{ schedule: ${JSON.stringify(f.schedule)} }`;
  return `${head.trimEnd()}\n\nreproduce:\n  runScenario(theScenario, ${how})\n`;
}

export function runResult(file: string, report: RunReport, origin: Origin, firstSeed: number): RunResult {
  const doc = runDocument(file, report) as RunResult;
  return attach(doc, () => {
    if (report.error) return `${errorLine(file, report.error)}\n`;
    const ctx = { file, firstSeed, ...(origin.stepLimit !== undefined && { stepLimit: origin.stepLimit }), ...(origin.time !== undefined && { time: origin.time }) };
    const text = renderRun(report, ctx, plain);
    return origin.inline ? inlineReproduce(text, report.findings) : text;
  });
}

export function exploreResult(file: string, report: ExploreReport, origin: Origin): ExploreResult {
  const doc = exploreDocument(file, report) as ExploreResult;
  return attach(doc, () => {
    if (report.error) return `${errorLine(file, report.error)}\n`;
    const ctx = {
      file,
      ...(origin.stepLimit !== undefined && { stepLimit: origin.stepLimit }),
      ...(origin.time !== undefined && { time: origin.time }),
      ...(origin.maxTimeS !== undefined && { maxTimeS: origin.maxTimeS }),
      ...(origin.maxExecutions !== undefined && { maxExecutions: origin.maxExecutions }),
    };
    const text = renderExplore(report, ctx, plain);
    return origin.inline ? inlineReproduce(text, report.findings) : text;
  });
}

export function checkResultDocument(doc: CheckDocument): CheckDocument {
  return attach(doc, () => renderCheck(doc, plain));
}

/** simcc's human report of a result object (one read back from JSON gets a shorter one, from its fields). */
export function humanReport(result: unknown): string {
  if (typeof result !== 'object' || result === null) return String(result);
  const render = (result as Record<symbol, unknown>)[HUMAN];
  if (typeof render === 'function') return (render as () => string)();
  if (Array.isArray((result as CheckDocument).results) && (result as CheckDocument).summary) return renderCheck(result as CheckDocument, plain);
  const r = result as Partial<RunResult>;
  const lines: string[] = [];
  if (r.error) lines.push(`error: ${r.error.location}: ${r.error.message}`);
  for (const f of r.findings ?? []) {
    lines.push(`${f.kind}: ${f.message}`, ...f.locations.map((l) => `  at ${l}`));
    if (f.schedule) lines.push(`  schedule: ${f.schedule}`);
  }
  if (lines.length === 0) lines.push(`no findings in ${r.executions ?? 0} executions`);
  return `${lines.join('\n')}\n`;
}
