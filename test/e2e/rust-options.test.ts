/**
 * The Rust flavour's bounds on the command line: --atomic-history N (how many stores of one atomic a load
 * may still read) and --spurious-wakeups N; both reach run, explore and check, and the reproduce
 * commands a report prints carry them (they change what an execution can do).
 */
import { describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, json, simcc } from './cli.js';

const SB = 'scenarios/rust/store-buffering.ts';

describe('--atomic-history and --spurious-wakeups', { timeout: E2E_TIMEOUT }, () => {
  it('--atomic-history 1 leaves only the newest store to read: store buffering cannot fail, run or explore', async () => {
    const run = json((await simcc(['run', SB, '--runs', '300', '--atomic-history', '1', '--json'])).stdout);
    expect([run.verdict, run.findings]).toEqual(['pass', []]);
    const explored = json((await simcc(['explore', SB, '--atomic-history', '1', '--json'])).stdout);
    expect([explored.verdict, explored.complete]).toEqual(['pass', true]);
  });

  it('with a history, the bug is found and the reproduce commands carry the flag, and work as printed', async () => {
    const r = await simcc(['run', SB, '--atomic-history', '2']);
    expect(r.code).toBe(1);
    const commands = r.stdout.split('\n').filter((l) => /^ {2}\S.* (run|replay) /.test(l)).map((l) => l.trim());
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect(c).toContain('--atomic-history 2');
    const seed = /--seed (\d+)/.exec(commands[0]!)![1]!;
    const again = json((await simcc(['run', SB, '--seed', seed, '--atomic-history', '2', '--json'])).stdout);
    expect(again.findings.map((f: { kind: string }) => f.kind)).toEqual(['assertion']);
  });

  it('--spurious-wakeups 0: a park without an unpark never returns by itself, so the if-instead-of-while bug cannot show', async () => {
    const file = 'scenarios/rust/park-if-flag.ts';
    const buggy = json((await simcc(['explore', file, '--json'])).stdout);
    expect(buggy.verdict).toBe('fail');
    const none = json((await simcc(['explore', file, '--spurious-wakeups', '0', '--json'])).stdout);
    expect([none.verdict, none.complete]).toEqual(['pass', true]);
  });

  it('bad values are one-line usage errors, exit status 2', async () => {
    for (const [flag, value] of [['--atomic-history', '0'], ['--atomic-history', 'x'], ['--spurious-wakeups', '-1']]) {
      const r = await simcc(['run', SB, flag!, value!]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
