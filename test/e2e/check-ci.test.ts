/**
 * `simcc check` for CI, on a folder holding a passing, a failing, two erroring scenarios and a helper
 * module: the counts, JUnit XML a CI server can read, GitHub annotations at the finding's line, the
 * reproduce command working as printed, --output, --explore with an incomplete budget and with its
 * probes, and
 * `--shard 1/2` + `--shard 2/2` + `simcc merge` equal to one run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, json, oneLine, simcc } from './cli.js';
import { parseXml, type XmlElement } from './check-xml.js';

const DIR = 'test/fixtures/check-ci';
const tmp = mkdtempSync(path.join(tmpdir(), 'simcc-check-ci-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const byName = (e: XmlElement, name: string) => e.children.filter((c) => c.name === name);

describe('simcc check for CI', { timeout: 2 * E2E_TIMEOUT }, () => {
  it('--explore --reporter junit: the right counts in a well-formed JUnit document; the helper is skipped', async () => {
    const r = await simcc(['check', DIR, '--explore', '--reporter', 'junit']);
    expect(r.code).toBe(2);
    const root = parseXml(r.stdout);
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toMatchObject({ tests: '5', failures: '1', errors: '2', skipped: '0' });
    const suites = byName(root, 'testsuite');
    expect(suites.map((s) => s.attrs['name'])).toEqual([DIR]);
    const cases = byName(suites[0]!, 'testcase');
    expect(cases.map((c) => [c.attrs['file'], c.children.map((x) => x.name).join()])).toEqual([
      [`${DIR}/a-pass.ts`, ''],
      [`${DIR}/b-fail.ts`, 'failure'],
      [`${DIR}/c-method-typo.ts`, 'error'],
      [`${DIR}/d-expects-deadlock.ts`, ''],
      [`${DIR}/e-option-typo.ts`, 'error'],
    ]);
    for (const c of cases) expect(Object.keys(c.attrs).sort()).toEqual(['classname', 'file', 'name']);
    const failure = cases[1]!.children[0]!;
    expect(failure.attrs['type']).toBe('data-race');
    expect(failure.text).toContain("data-race: data race on 'count'");
    expect(failure.text).toMatch(/reproduce: node bin\/simcc\.js replay test\/fixtures\/check-ci\/b-fail\.ts --schedule '[^']+'/);
    expect(cases[2]!.children[0]!.attrs['message']).toBe(`${DIR}/c-method-typo.ts:6:12: TS2339: Property 'lokc' does not exist on type 'Mutex'.`);
    expect(cases[4]!.children[0]!.attrs['message']).toBe(`${DIR}/e-option-typo.ts:6:16: unknown scenario option 'expcet': did you mean 'expect'?`);
  });

  it('human: PASS, FAIL with its finding and reproduce command, ERROR lines, the summary; the command works as printed', async () => {
    const r = await simcc(['check', DIR, '--runs', '50', '--no-typecheck']);
    expect(r.code).toBe(2);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split('  ')[0])).toEqual(['PASS', 'FAIL', '', 'ERROR', 'PASS', 'ERROR', '2 passed, 1 failed, 2 errors, 0 incomplete (1 helper file skipped)']);
    expect(lines[1]).toMatch(/^FAIL {2}test\/fixtures\/check-ci\/b-fail\.ts {2}found data-race with seed \d+ \(expected no findings\): data-race: data race on 'count': .* at test\/fixtures\/check-ci\/b-fail\.ts:10:\d+$/);
    // Without the compiler, the misspelt method is still a scenario error at its line, not a panic.
    expect(lines[3]).toBe(`ERROR  ${DIR}/c-method-typo.ts  ${DIR}/c-method-typo.ts:6:12: TypeError: mu.lokc is not a function`);
    const command = /^ {2}reproduce: node bin\/simcc\.js (.*)$/.exec(lines[2]!)![1]!.split(' ');
    const again = await simcc(command);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain("data-race: data race on 'count'");
  });

  it('github: an ::error annotation at the finding\'s line and at each scenario error', async () => {
    const r = await simcc(['check', DIR, '--runs', '50', '--reporter', 'github']);
    expect(r.code).toBe(2);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toHaveLength(3);
    expect(annotations[0]).toMatch(/^::error file=test\/fixtures\/check-ci\/b-fail\.ts,line=10,col=\d+,title=simcc%3A data-race::data-race: data race on 'count': [^\n]*%0Areproduce: node bin\/simcc\.js run test\/fixtures\/check-ci\/b-fail\.ts --seed \d+/);
    expect(annotations[1]).toBe(`::error file=${DIR}/c-method-typo.ts,line=6,col=12,title=simcc%3A scenario error::TS2339: Property 'lokc' does not exist on type 'Mutex'.`);
    expect(annotations[2]).toBe(`::error file=${DIR}/e-option-typo.ts,line=6,col=16,title=simcc%3A scenario error::unknown scenario option 'expcet': did you mean 'expect'?`);
  });

  it('--output FILE gets the report, stdout the human lines', async () => {
    const out = path.join(tmp, 'junit.xml');
    const r = await simcc(['check', `${DIR}/a-pass.ts`, `${DIR}/d-expects-deadlock.ts`, '--runs', '20', '--reporter', 'junit', '--output', out]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('2 passed, 0 failed, 0 errors, 0 incomplete');
    expect(parseXml(readFileSync(out, 'utf8')).attrs).toMatchObject({ tests: '2', failures: '0', errors: '0', skipped: '0' });
    const bad = await simcc(['check', DIR, '--output', path.join(tmp, 'no-such-dir', 'x.xml')]);
    expect(bad.code).toBe(2);
    expect(oneLine(bad.stderr)).toMatch(/^error: cannot write --output .*x\.xml: ENOENT$/);
  });

  it('an exploration cut by its budget is INCOMPLETE: exit 0, or 1 with --fail-on-incomplete', async () => {
    const args = ['check', 'test/fixtures/check-incomplete', '--explore', '--max-executions', '3'];
    const r = await simcc(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^INCOMPLETE {2}test\/fixtures\/check-incomplete\/many\.ts {2}no findings in 3 executions \(dpor\): incomplete: --max-executions 3 reached/);
    expect(r.stdout).toContain('0 passed, 0 failed, 0 errors, 1 incomplete');
    const strict = await simcc([...args, '--fail-on-incomplete', '--json']);
    expect(strict.code).toBe(1);
    const doc = json(strict.stdout);
    expect(doc.summary).toEqual({ total: 1, passed: 0, failed: 0, errors: 0, incomplete: 1, skipped: 0 });
    expect(doc.results[0]).toMatchObject({ status: 'incomplete', complete: false, stoppedBy: 'max-executions', executions: 3 });
    const junit = parseXml((await simcc([...args, '--reporter', 'junit'])).stdout);
    expect(junit.attrs).toMatchObject({ tests: '1', failures: '0', skipped: '1' });
  });

  it('--explore hunts with the probes first, as explore does: a deadlock the proof does not reach in 200 executions', async () => {
    const kernel = 'scenarios/kernels/etcd-7492-token-keeper-deadlock.ts';
    const args = ['check', kernel, '--explore', '--max-executions', '200', '--no-typecheck', '--json'];
    const probed = await simcc(args);
    expect(probed.code).toBe(0);
    const found = json(probed.stdout).results[0];
    expect(found).toMatchObject({ status: 'passed', executions: 0 });
    expect(found.probes.executions).toBeGreaterThan(0);
    expect(found.findings.map((f: { kind: string }) => f.kind)).toEqual(['deadlock']);
    // The same check without the probes: depth-first DPOR spends the 200 executions elsewhere.
    const proofOnly = await simcc([...args, '--no-probes']);
    expect(proofOnly.code).toBe(1);
    expect(json(proofOnly.stdout).results[0]).toMatchObject({ status: 'failed', executions: 200, findings: [] });
  });

  it('--shard 1/2 and 2/2 merged equal one run, in every reporter', async () => {
    const args = ['check', DIR, 'test/fixtures/check-pass', '--runs', '30', '--json'];
    const whole = await simcc(args);
    const files: string[] = [];
    for (const shard of ['1/2', '2/2']) {
      const part = await simcc([...args, '--shard', shard]);
      expect(json(part.stdout).shard).toEqual({ index: Number(shard[0]), count: 2 });
      const file = path.join(tmp, `shard-${shard[0]}.json`);
      writeFileSync(file, part.stdout);
      files.push(file);
    }
    const merged = await simcc(['merge', ...files, '--json']);
    expect(merged.stdout).toBe(whole.stdout);
    expect(merged.code).toBe(whole.code);
    const human = await simcc(['merge', ...files]);
    expect(human.stdout.trimEnd().split('\n').at(-1)).toBe('4 passed, 1 failed, 2 errors, 0 incomplete (1 helper file skipped)');
    expect(parseXml((await simcc(['merge', ...files, '--reporter', 'junit'])).stdout).attrs).toMatchObject({ tests: '7', failures: '1', errors: '2' });
    const missing = await simcc(['merge', files[0]!]);
    expect(missing.code).toBe(2);
    expect(oneLine(missing.stderr)).toBe('error: shard 2/2 missing: a merged check must hold every scenario');
  });

  it('usage errors: explore-only flags without --explore, two reports asked for', async () => {
    const a = await simcc(['check', DIR, '--max-time', '5']);
    expect(a.code).toBe(2);
    expect(oneLine(a.stderr)).toBe('error: --max-time applies only to check --explore');
    const b = await simcc(['check', DIR, '--json', '--reporter', 'junit']);
    expect(b.code).toBe(2);
    expect(oneLine(b.stderr)).toBe('error: --json and --reporter junit ask for two reports: give one');
    const c = await simcc(['check', DIR, '--reporter', 'xml']);
    expect(c.code).toBe(2);
    expect(oneLine(c.stderr)).toMatch(/^error: option '--reporter <name>' argument 'xml' is invalid/);
    const d = await simcc(['check', DIR, '--no-probes']);
    expect(d.code).toBe(2);
    expect(oneLine(d.stderr)).toBe('error: --no-probes applies only to check --explore');
  });
});
