/**
 * check's reporters from one document: status rules, JUnit XML (escaping, counts, --fail-on-incomplete),
 * GitHub annotations (escaping that cannot end or forge a command), and the summary line.
 */
import { describe, expect, it } from 'vitest';
import { makeChalk } from '../../../src/cli/style.js';
import type { RunReport } from '../../../src/harness/types.js';
import { checkDocument, checkDocumentExitCode, checkResult, checkSummaryLine, type CheckResult } from '../../../src/report/check.js';
import { parseLocation, renderGithub } from '../../../src/report/github.js';
import { renderJunit, xmlEscape } from '../../../src/report/junit.js';
import { parseXml } from '../../e2e/check-xml.js';

const finding = (kind: 'data-race' | 'deadlock', message: string, at: string) => ({
  kind,
  message,
  threads: [],
  locations: [at],
  schedule: '0x3',
  seed: 4,
  step: 3,
});

function report(over: Partial<RunReport>): RunReport {
  return { scenario: 's', strategy: 'random', executions: 10, complete: false, findings: [], steps: 0, ...over };
}

const ctx = { mode: 'run' as const };
const plain = makeChalk(false);

describe('check results', () => {
  it('statuses: passed, failed, error; an explored clean scenario not covered is incomplete', () => {
    expect(checkResult('a.ts', report({}), ctx).status).toBe('passed');
    expect(checkResult('a.ts', report({ findings: [finding('deadlock', 'd', 'a.ts:1:1')] }), ctx).status).toBe('failed');
    expect(checkResult('a.ts', report({ error: { message: 'boom' } }), ctx).status).toBe('error');
    const explored = { ...report({ strategy: 'dpor' }), pruned: 0, maxDepth: 5, tasks: { total: 4, explored: 1 }, foundIn: [], traces: [], stoppedBy: 'max-time' as const };
    const r = checkResult('a.ts', explored, { mode: 'explore', maxTimeS: 2 });
    expect(r.status).toBe('incomplete');
    expect(r.outcome).toBe('no findings in 10 executions (dpor): incomplete: --max-time 2 s reached (longest execution 5 steps, 1 of 4 tasks)');
    // Expected a deadlock and found nothing: a failure, however incomplete the search.
    expect(checkResult('a.ts', { ...explored, expect: ['deadlock'] }, { mode: 'explore', maxTimeS: 2 }).status).toBe('failed');
  });

  it('the summary line and exit status count errors and incomplete ones apart', () => {
    const results = [checkResult('a.ts', report({}), ctx), checkResult('b.ts', report({ error: { message: 'x' } }), ctx)];
    const doc = checkDocument('run', results, ['lib.ts'], {});
    expect(checkSummaryLine(doc, plain)).toBe('1 passed, 0 failed, 1 error, 0 incomplete (1 helper file skipped)');
    expect(checkDocumentExitCode(doc)).toBe(2);
    expect(checkDocumentExitCode({ summary: { ...doc.summary, errors: 0, incomplete: 1 } })).toBe(0);
    expect(checkDocumentExitCode({ summary: { ...doc.summary, errors: 0, incomplete: 1 }, failOnIncomplete: true })).toBe(1);
  });
});

describe('junit', () => {
  it('escapes markup and drops characters XML forbids', () => {
    expect(xmlEscape(`a<b>&"c"'\u0001\u001b[31m`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;[31m');
  });

  it('a hostile message still gives a well-formed document with consistent counts', () => {
    const evil = 'x</failure><testcase name="forged"/>]]>\u0000&';
    const results: CheckResult[] = [
      checkResult('dir/a.ts', report({ findings: [finding('data-race', evil, 'dir/a.ts:3:4')] }), ctx),
      checkResult('dir/b.ts', report({}), ctx),
      checkResult('other/c.ts', report({ error: { message: evil, location: 'other/c.ts:1:1' } }), ctx),
    ];
    const root = parseXml(renderJunit(checkDocument('run', results, [], {})));
    expect(root.attrs).toMatchObject({ tests: '3', failures: '1', errors: '1', skipped: '0' });
    expect(root.children.map((s) => [s.attrs['name'], s.attrs['tests']])).toEqual([
      ['dir', '2'],
      ['other', '1'],
    ]);
    const failure = root.children[0]!.children[0]!.children[0]!;
    expect(failure.name).toBe('failure');
    expect(failure.text).toContain('x</failure><testcase name="forged"/>]]>&');
  });
});

describe('github', () => {
  it('annotates at the location; escapes data and properties', () => {
    const results = [checkResult('d,ir/a:b.ts', report({ findings: [finding('data-race', '50% done\nsecond line', 'd,ir/a:b.ts:3:4')] }), ctx)];
    const out = renderGithub(checkDocument('run', results, [], {}));
    expect(out.split('\n').filter(Boolean)).toHaveLength(1);
    expect(out).toMatch(/^::error file=d%2Cir\/a%3Ab\.ts,line=3,col=4,title=simcc%3A data-race::data-race: 50%25 done%0Asecond line%0Areproduce: /);
  });

  it('parses locations with and without a column', () => {
    expect(parseLocation('a/b.ts:3:4')).toEqual({ file: 'a/b.ts', line: 3, col: 4 });
    expect(parseLocation('a/b.ts:3')).toEqual({ file: 'a/b.ts', line: 3 });
    expect(parseLocation('a/b.ts')).toEqual({ file: 'a/b.ts' });
  });

  it('nothing for passed scenarios; a warning for an incomplete one', () => {
    const explored = { ...report({ strategy: 'dpor' }), pruned: 0, maxDepth: 5, tasks: { total: 4, explored: 1 }, foundIn: [], traces: [] };
    const doc = checkDocument('explore', [checkResult('a.ts', report({}), ctx), checkResult('b.ts', explored, { mode: 'explore' })], [], {});
    expect(renderGithub(doc)).toMatch(/^::warning file=b\.ts,title=simcc%3A exploration incomplete::no findings/);
    expect(renderGithub({ ...doc, failOnIncomplete: true })).toMatch(/^::error file=b\.ts/);
  });
});
