/**
 * Test-runner matchers for simcc's result objects (vitest's and jest's `expect.extend` take them as is):
 *
 *   expect(await runScenario(s)).toHaveNoFindings();
 *   expect(await exploreScenario(s)).toFind('data-race');
 *   expect(await checkScenarios('scenarios')).toPassCheck();
 *
 * A failure's message is simcc's own human report of the result: the finding, the goroutines, the
 * timeline and how to reproduce it. A scenario error never satisfies a matcher (it is not a result).
 */
import type { CheckDocument } from '../report/check.js';
import { checkDocumentExitCode } from '../report/check.js';
import { humanReport, type RunResult } from './documents.js';

export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

function asRunResult(received: unknown, matcher: string): RunResult {
  const r = received as Partial<RunResult> | null;
  if (typeof r !== 'object' || r === null || !Array.isArray(r.findings) || typeof r.verdict !== 'string') {
    throw new TypeError(`${matcher}: expected the result of runScenario or exploreScenario, got ${r === null ? 'null' : typeof r}`);
  }
  return r as RunResult;
}

const kinds = (r: RunResult) => [...new Set(r.findings.map((f) => f.kind))].join(', ');

export const matchers = {
  /** Passes when the run or exploration found nothing and the scenario ran. */
  toHaveNoFindings(received: unknown): MatcherResult {
    const r = asRunResult(received, 'toHaveNoFindings');
    const pass = r.verdict === 'pass' && r.findings.length === 0;
    return {
      pass,
      message: () =>
        pass
          ? `expected simcc to find something in scenario '${r.scenario}', but it found nothing in ${r.executions} executions`
          : r.verdict === 'error'
            ? `scenario '${r.scenario}' could not be run:\n${humanReport(r)}`
            : `expected no findings in scenario '${r.scenario}', but simcc found ${kinds(r)}:\n\n${humanReport(r)}`,
    };
  },

  /** Passes when the run or exploration made at least one finding of `kind`. */
  toFind(received: unknown, kind: string): MatcherResult {
    const r = asRunResult(received, 'toFind');
    const pass = r.verdict !== 'error' && r.findings.some((f) => f.kind === kind);
    return {
      pass,
      message: () =>
        pass
          ? `expected no ${kind} in scenario '${r.scenario}', but simcc found one:\n\n${humanReport(r)}`
          : r.verdict === 'error'
            ? `scenario '${r.scenario}' could not be run:\n${humanReport(r)}`
            : r.findings.length === 0
              ? `expected a ${kind} in scenario '${r.scenario}', but simcc found nothing in ${r.executions} executions${r.complete ? ' (every behaviour covered)' : ''}`
              : `expected a ${kind} in scenario '${r.scenario}', but simcc found ${kinds(r)}:\n\n${humanReport(r)}`,
    };
  },

  /** Passes when every scenario of a check passed (exit status 0). */
  toPassCheck(received: unknown): MatcherResult {
    const doc = received as CheckDocument;
    if (typeof doc !== 'object' || doc === null || !Array.isArray(doc.results) || typeof doc.summary !== 'object') {
      throw new TypeError('toPassCheck: expected the result of checkScenarios');
    }
    const pass = checkDocumentExitCode(doc) === 0;
    return {
      pass,
      message: () => (pass ? `expected the check to fail, but every scenario passed:\n\n${humanReport(doc)}` : `simcc check failed:\n\n${humanReport(doc)}`),
    };
  },
};

/** The matchers' types, for `declare module` augmentations of a test runner's assertion interface. */
export interface SimccMatchers<R = unknown> {
  toHaveNoFindings(): R;
  toFind(kind: import('../findings.js').FindingKind): R;
  toPassCheck(): R;
}
