/**
 * `simcc check`'s human output: one line per scenario, in sorted file order, then `N passed, M failed`.
 *
 *   PASS  scenarios/ch01/counter.ts  found data-race (expected data-race)
 *   FAIL  scenarios/ch03/x.ts  found nothing in 1000 executions (expected deadlock)
 *   FAIL  scenarios/ch03/y.ts  error: y.ts:3:5: Unexpected ";"
 */
import type { ChalkInstance } from 'chalk';
import type { RunReport } from '../harness/types.js';
import { errorLine } from './human.js';
import { checkPasses, foundKinds } from './verdict.js';

export function checkLine(file: string, report: RunReport, c: ChalkInstance): string {
  const passed = checkPasses(report);
  const mark = passed ? c.green('PASS') : c.red('FAIL');
  return `${mark}  ${file}  ${outcome(file, report)}`;
}

function outcome(file: string, report: RunReport): string {
  if (report.error) return errorLine(file, report.error);
  const expect = report.expect ?? [];
  const expected = expect.length > 0 ? `expected ${expect.join(', ')}` : 'expected no findings';
  if (report.findings.length === 0) {
    const n = `${report.executions} execution${report.executions === 1 ? '' : 's'}`;
    return expect.length > 0 ? `found nothing in ${n} (${expected})` : `no findings in ${n}`;
  }
  const seed = report.findings.find((f) => f.seed !== undefined)?.seed;
  return `found ${foundKinds(report).join(', ')}${seed !== undefined ? ` with seed ${seed}` : ''} (${expected})`;
}

export function checkSummary(reports: RunReport[], c: ChalkInstance): string {
  const passed = reports.filter(checkPasses).length;
  const failed = reports.length - passed;
  const text = `${passed} passed, ${failed} failed`;
  return failed === 0 ? c.green(text) : c.red(text);
}
