/**
 * What a run amounts to, for the exit status, the JSON `verdict` and `check`.
 * Exit status (shared/scenario-api.md §4): 0 nothing found, 1 a finding, 2 usage or scenario error.
 */
import type { RunReport } from '../harness/types.js';

export type Verdict = 'pass' | 'fail' | 'error';

export function verdictOf(report: RunReport): Verdict {
  if (report.error) return 'error';
  return report.findings.length > 0 ? 'fail' : 'pass';
}

export function exitCodeOf(verdict: Verdict): 0 | 1 | 2 {
  return verdict === 'pass' ? 0 : verdict === 'fail' ? 1 : 2;
}

/**
 * `check`'s rule: a scenario that declares `expect` passes when it found at least one finding and every
 * finding's kind is expected; one without (or with an empty list) passes when nothing is found.
 * A scenario error never passes.
 */
export function checkPasses(report: RunReport): boolean {
  if (report.error) return false;
  const expect = report.expect ?? [];
  if (expect.length === 0) return report.findings.length === 0;
  return report.findings.length > 0 && report.findings.every((f) => expect.includes(f.kind));
}

/** The distinct kinds found, in the order first found. */
export function foundKinds(report: RunReport): string[] {
  return [...new Set(report.findings.map((f) => f.kind))];
}
