/**
 * `simcc check DIR…`: discovery (sorted, recursive, skipping `_*` and `*.d.ts`), the pass rule against
 * `expect`, the summary and the exit status (0 all pass, 1 a failure, 2 a scenario error).
 * (check-ci.test.ts: the CI features — reporters, --explore, shards and merge, helpers, type errors.)
 */
import { describe, expect, it } from 'vitest';
import { Channel, scenario } from 'simcc';
import { checkScenarios } from 'simcc/testing';
import { E2E_TIMEOUT, ROOT, json, simcc, userEnv } from './cli.js';

describe('simcc check', { timeout: E2E_TIMEOUT }, () => {
  it('passes scenarios that find what they expect, or nothing when they expect nothing', async () => {
    const r = await simcc(['check', 'test/fixtures/check-pass', '--runs', '50']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^PASS {2}test\/fixtures\/check-pass\/racy\.ts {2}found data-race/);
    expect(lines[1]).toBe('PASS  test/fixtures/check-pass/sub/locked.ts  no findings in 50 executions');
    expect(lines[2]).toBe('2 passed, 0 failed, 0 errors, 0 incomplete');
  });

  it('fails a wrong or unmet expectation: exit 1', async () => {
    const r = await simcc(['check', 'test/fixtures/check-fail', '--runs', '50']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.slice(0, 4))).toEqual(['PASS', 'FAIL', '  re', 'FAIL', '1 pa']);
    // The failure's line names what was found and where, and the next line how to rerun it.
    expect(lines[1]).toContain("found data-race with seed 1 (expected deadlock): data-race: data race on 'x'");
    expect(lines[1]).toMatch(/ at test\/fixtures\/check-fail\/b-wrong-expect\.ts:\d+:\d+$/);
    expect(lines[2]).toBe('  reproduce: node bin/simcc.js run test/fixtures/check-fail/b-wrong-expect.ts --seed 1');
    expect(lines[3]).toContain('found nothing in 50 executions (expected data-race)');
    expect(lines[4]).toBe('1 passed, 2 failed, 0 errors, 0 incomplete');
  });

  it('a scenario error is an ERROR, counted apart from failures, with exit 2', async () => {
    const r = await simcc(['check', 'test/fixtures/check-error', '--runs', '20', '--no-typecheck']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('ERROR  test/fixtures/check-error/b-syntax-error.ts  test/fixtures/check-error/b-syntax-error.ts:4:21: Unexpected ";"');
    expect(r.stdout).toContain('1 passed, 0 failed, 1 error, 0 incomplete');
    // Type-checked (the default), the compiler names the same place.
    const typed = await simcc(['check', 'test/fixtures/check-error', '--runs', '20']);
    expect(typed.code).toBe(2);
    expect(typed.stdout).toContain('ERROR  test/fixtures/check-error/b-syntax-error.ts  test/fixtures/check-error/b-syntax-error.ts:4:21: TS1109: Expression expected.');
  });

  it('--json gives one document with every result in sorted order, the same as checkScenarios gives', async () => {
    // The judgement itself, through simcc/testing (no subprocess needed to read a document)...
    const doc = await checkScenarios(['test/fixtures/check-fail', 'test/fixtures/check-pass'], { runs: 30 });
    expect(doc.results.map((r) => [r.file, r.passed, r.verdict])).toEqual([
      ['test/fixtures/check-fail/a-clean.ts', true, 'pass'],
      ['test/fixtures/check-fail/b-wrong-expect.ts', false, 'fail'],
      ['test/fixtures/check-fail/c-expects-but-clean.ts', false, 'pass'],
      ['test/fixtures/check-pass/racy.ts', true, 'fail'],
      ['test/fixtures/check-pass/sub/locked.ts', true, 'pass'],
    ]);
    expect(doc.results[3]!.expect).toEqual(['data-race', 'assertion']);
    expect(doc.results[0]!.expect).toEqual([]);
    expect(doc.results.map((r) => r.status)).toEqual(['passed', 'failed', 'failed', 'passed', 'passed']);
    expect(doc.summary).toEqual({ total: 5, passed: 3, failed: 2, errors: 0, incomplete: 0, skipped: 0 });
    // In-process (from a test runner in a project) the command to paste is `npx simcc` (report/invocation.ts).
    expect(doc.results[1]!.reproduce[0]).toBe('npx simcc run test/fixtures/check-fail/b-wrong-expect.ts --seed 1');
    // ...and the CLI, started the same way, prints exactly that document.
    const a = await simcc(['check', 'test/fixtures/check-fail', 'test/fixtures/check-pass', '--runs', '30', '--json'], ROOT, userEnv({ npm_command: 'exec' }));
    expect(a.code).toBe(1);
    expect(json(a.stdout)).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('the pass rule, in-process: an inline scenario that declares what it shows passes', async () => {
    const deadlock = scenario({ name: 'send with no receiver', expect: ['deadlock'] }, async () => {
      await new Channel<number>().send(1);
    });
    const wrong = scenario({ name: 'declares a race, deadlocks', expect: ['data-race'] }, async () => {
      await new Channel<number>().send(1);
    });
    const doc = await checkScenarios([deadlock, wrong], { runs: 5 });
    expect(doc.results.map((r) => [r.scenario, r.status])).toEqual([
      ['send with no receiver', 'passed'],
      ['declares a race, deadlocks', 'failed'],
    ]);
    expect(doc.results[1]!.outcome).toMatch(/^found deadlock with seed 1 \(expected data-race\): deadlock: /);
  });
});
