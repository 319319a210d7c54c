/**
 * Every way a scenario (or the command line) can be wrong ends with exit status 2 and one line on stderr
 * that names the file, and the line where it is known. Fixtures are in test/fixtures/.
 */
import { describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, json, oneLine, simcc } from './cli.js';

describe('scenario errors', { timeout: E2E_TIMEOUT }, () => {
  it('a missing file names the file', async () => {
    const r = await simcc(['run', 'test/fixtures/does-not-exist.ts']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/^error: .*test\/fixtures\/does-not-exist\.ts/);
    expect(r.stdout).toBe('');
  });

  it('a TypeScript syntax error gives the compiler message at file:line:col', async () => {
    const r = await simcc(['run', 'test/fixtures/syntax-error.ts']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe('error: test/fixtures/syntax-error.ts:4:21: Unexpected ";"');
  });

  it('a file without a default export', async () => {
    const r = await simcc(['run', 'test/fixtures/no-default.ts']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe('error: test/fixtures/no-default.ts:1: no default export: export default scenario(...)');
  });

  it('an exception while importing names the throwing line', async () => {
    const r = await simcc(['run', 'test/fixtures/import-throws.ts']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe('error: test/fixtures/import-throws.ts:5:9: no retries configured');
  });

  it('a primitive created at module top level throws "outside an execution"', async () => {
    const r = await simcc(['run', 'test/fixtures/top-level-primitive.ts']);
    expect(r.code).toBe(2);
    const line = oneLine(r.stderr);
    expect(line).toMatch(/^error: test\/fixtures\/top-level-primitive\.ts:4:\d+: /);
    expect(line).toContain('outside an execution');
  });

  it('a goroutine spinning in a synchronous loop is stopped and named', async () => {
    // The same limit bounds importing the scenario, which a busy machine can slow: not too tight a one.
    const r = await simcc(['run', 'test/fixtures/spin.ts', '--sync-timeout', '2000']);
    expect(r.code).toBe(2);
    const line = oneLine(r.stderr);
    expect(line).toContain("goroutine 'spinner' ran a synchronous loop for more than 2000 ms");
    expect(line).toContain('(after test/fixtures/spin.ts:8:');
  });

  it('a synchronous loop at the module top level is stopped too', async () => {
    const r = await simcc(['run', 'test/fixtures/top-level-spin.ts', '--sync-timeout', '500']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/^error: test\/fixtures\/top-level-spin\.ts: importing the scenario did not finish/);
  });

  it('awaiting a real timer is a scenario error', async () => {
    const r = await simcc(['run', 'test/fixtures/real-timer.ts', '--sync-timeout', '500']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/^error: .*test\/fixtures\/real-timer\.ts/);
  });

  it('a blocking operation that was not awaited names its line', async () => {
    const r = await simcc(['run', 'test/fixtures/not-awaited.ts']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toContain('test/fixtures/not-awaited.ts:7');
  });

  it('with --json, a scenario error is also a JSON document with verdict "error"', async () => {
    const r = await simcc(['run', 'test/fixtures/syntax-error.ts', '--json']);
    expect(r.code).toBe(2);
    expect(json(r.stdout)).toEqual({
      file: 'test/fixtures/syntax-error.ts',
      scenario: 'syntax-error',
      verdict: 'error',
      strategy: 'random',
      executions: 0,
      complete: false,
      findings: [],
      error: { message: 'Unexpected ";"', location: 'test/fixtures/syntax-error.ts:4:21' },
    });
  });
});

describe('usage errors', { timeout: E2E_TIMEOUT }, () => {
  const cases: [string, string[], RegExp][] = [
    ['no command', [], /^error: missing command/],
    ['an unknown command', ['frob'], /^error: unknown command 'frob'/],
    ['an unknown option', ['run', 'test/fixtures/counter.ts', '--sed', '3'], /^error: unknown option '--sed'/],
    ['a bad number', ['run', 'test/fixtures/counter.ts', '--seed', 'abc'], /^error: option '--seed <n>' argument 'abc' is invalid/],
    ['zero runs', ['run', 'test/fixtures/counter.ts', '--runs', '0'], /^error: option '--runs <n>'/],
    ['an unknown strategy', ['run', 'test/fixtures/counter.ts', '--strategy', 'bogus'], /unknown strategy/],
    ['replay without --schedule', ['replay', 'test/fixtures/counter.ts'], /^error: required option '--schedule <s>'/],
    ['an unknown time mode', ['run', 'test/fixtures/counter.ts', '--time', 'real'], /^error: option '--time <mode>' argument 'real' is invalid/],
    ['a malformed schedule', ['replay', 'test/fixtures/counter.ts', '--schedule', 'garbage'], /^error: option '--schedule <s>' argument 'garbage' is invalid/],
    ['run without a file', ['run'], /^error: missing required argument 'file'/],
    ['check of a missing folder', ['check', 'test/fixtures/no-such-dir'], /^error: no such file or directory: test\/fixtures\/no-such-dir$/],
  ];
  for (const [what, args, message] of cases) {
    it(`${what}: one line, exit 2`, async () => {
      const r = await simcc(args);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toMatch(message);
      expect(r.stdout).toBe('');
    });
  }
});
