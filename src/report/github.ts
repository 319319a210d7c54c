/**
 * `simcc check --reporter github`: GitHub Actions workflow commands, so each failure shows up on the
 * line of the scenario it is about (`::error file=…,line=…,col=…,title=…::message`). A failed scenario
 * is annotated at its finding's first location, a scenario error at the error's location, an
 * incomplete exploration is a warning (an error under --fail-on-incomplete).
 *
 * Invariant: one command per line; its data and properties escaped as the runner expects (`%`, CR and
 * LF in both; `:` and `,` too in properties), so a message can never end or forge a command.
 */
import type { CheckDocument, CheckResult } from './check.js';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `file:line:col` (or `file:line`, or a bare file) split into its parts. */
export function parseLocation(where: string): { file: string; line?: number; col?: number } {
  const m = /^(.*?):(\d+)(?::(\d+))?$/.exec(where);
  if (!m) return { file: where };
  return { file: m[1]!, line: Number(m[2]), ...(m[3] !== undefined && { col: Number(m[3]) }) };
}

export function renderGithub(doc: CheckDocument): string {
  const lines: string[] = [];
  for (const r of doc.results) {
    const a = annotation(r, doc.failOnIncomplete === true);
    if (a) lines.push(a);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function annotation(r: CheckResult, failOnIncomplete: boolean): string | undefined {
  if (r.status === 'passed') return undefined;
  const level = r.status === 'incomplete' && !failOnIncomplete ? 'warning' : 'error';
  const finding = r.findings.find((f) => !r.expect.includes(f.kind)) ?? r.findings[0];
  const where = parseLocation(r.error?.location ?? finding?.locations[0] ?? r.file);
  const title =
    r.status === 'error' ? 'simcc: scenario error' : r.status === 'incomplete' ? 'simcc: exploration incomplete' : `simcc: ${finding ? finding.kind : 'expectation not met'}`;
  const message = [
    r.status === 'error' ? r.error!.message : finding ? `${finding.kind}: ${finding.message}` : r.outcome,
    ...r.reproduce.map((cmd) => `reproduce: ${cmd}`),
  ].join('\n');
  const props = [`file=${escapeProperty(where.file)}`];
  if (where.line !== undefined) props.push(`line=${where.line}`);
  if (where.col !== undefined) props.push(`col=${where.col}`);
  props.push(`title=${escapeProperty(title)}`);
  return `::${level} ${props.join(',')}::${escapeData(message)}`;
}
