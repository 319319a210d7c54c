/**
 * `simcc check --reporter junit`: the JUnit XML that CI servers ingest (Jenkins, GitLab, GitHub test
 * reporters, Azure): one <testsuite> per folder of scenarios, one <testcase> per scenario. A failed
 * scenario carries <failure>, a scenario error <error>, an incomplete exploration <skipped> (or
 * <failure> under --fail-on-incomplete); the body of each is the finding's message, locations and
 * the command that reproduces it.
 *
 * Invariants: the document is well-formed XML 1.0 (every text and attribute escaped, characters XML
 * forbids dropped); counts on each element agree with its children; no timings (the same check gives
 * the same bytes).
 */
import path from 'node:path';
import { isFailure, type CheckDocument, type CheckResult } from './check.js';

/** Characters XML 1.0 allows: tab, newline, carriage return, and the rest from U+0020 (no lone surrogates). */
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlEscape(text: string): string {
  return text
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const attrs = (a: Record<string, string | number>) =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');

export function renderJunit(doc: CheckDocument): string {
  const suites = new Map<string, CheckResult[]>();
  for (const r of doc.results) {
    const dir = path.posix.dirname(r.file.split(path.sep).join('/'));
    suites.set(dir, [...(suites.get(dir) ?? []), r]);
  }
  const counts = (rs: CheckResult[]) => ({
    tests: rs.length,
    failures: rs.filter((r) => isFailure(r, doc.failOnIncomplete)).length,
    errors: rs.filter((r) => r.status === 'error').length,
    skipped: rs.filter((r) => r.status === 'incomplete' && !doc.failOnIncomplete).length,
  });
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attrs({ name: 'simcc check', ...counts(doc.results) })}>`];
  for (const [dir, rs] of suites) {
    out.push(`  <testsuite${attrs({ name: dir, ...counts(rs) })}>`);
    for (const r of rs) out.push(...testcase(r, doc.failOnIncomplete === true));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function testcase(r: CheckResult, failOnIncomplete: boolean): string[] {
  const head = `    <testcase${attrs({ classname: r.file.replace(/\.ts$/, '').split(path.sep).filter((p) => p !== '' && p !== '.').join('.'), name: r.scenario, file: r.file })}`;
  if (r.status === 'passed') return [`${head}/>`];
  const body = xmlEscape(details(r));
  const child =
    r.status === 'error'
      ? `<error${attrs({ message: r.outcome, type: 'scenario-error' })}>${body}</error>`
      : r.status === 'incomplete' && !failOnIncomplete
        ? `<skipped${attrs({ message: r.outcome })}/>`
        : `<failure${attrs({ message: r.outcome, type: r.findings[0]?.kind ?? r.status })}>${body}</failure>`;
  return [`${head}>`, `      ${child}`, '    </testcase>'];
}

/** The text of a failure: each finding with its locations, then the reproduce commands. */
function details(r: CheckResult): string {
  const lines: string[] = [];
  if (r.error) lines.push(`${r.error.location}: ${r.error.message}`);
  for (const f of r.findings) {
    lines.push(`${f.kind}: ${f.message}`);
    for (const l of f.locations) lines.push(`  at ${l}`);
  }
  if (lines.length === 0) lines.push(r.outcome);
  for (const cmd of r.reproduce) lines.push(`reproduce: ${cmd}`);
  return lines.join('\n');
}
