/**
 * `simcc run FILE --mutex VARIANT|all` and `replay --mutex`: the comparison table of the four stages
 * of Go's Mutex on the ch02 fairness demo (human and JSON), the exit status, and that a stage's
 * finding reproduces from the printed commands.
 */
import { describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, json, oneLine, simcc } from './cli.js';

const DEMO = 'scenarios/ch02-mutex-stages/fairness.ts';

describe('simcc run --mutex', { timeout: E2E_TIMEOUT }, () => {
  it('--mutex all prints one row per stage: newcomer and spinning starve the waiter, initial and starvation do not', async () => {
    const r = await simcc(['run', DEMO, '--mutex', 'all', '--runs', '500']);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const header = lines.findIndex((l) => /^\s+variant\s+verdict\s+executions\s+acquisitions\s+longest wait\s+hand-offs\s+newcomer wins\s+finding$/.test(l));
    expect(header).toBeGreaterThan(0);
    const rows = lines.slice(header + 1, header + 5).map((l) => l.trim().split(/\s{2,}/));
    expect(rows.map((row) => row.slice(0, 2))).toEqual([
      ['initial', 'pass'],
      ['newcomer', 'fail'],
      ['spinning', 'fail'],
      ['starvation', 'pass'],
    ]);
    for (const row of rows) expect(row[4]).toMatch(/^\d+ steps \/ \d+ ms$/);
    const cell = (variant: string, column: number) => rows.find((row) => row[0] === variant)![column]!;
    expect(cell('initial', 2)).toBe('500');
    expect(cell('starvation', 2)).toBe('500');
    expect(cell('initial', 6)).toBe('0'); // a woken waiter owns the lock: nobody can beat it
    expect(Number(cell('newcomer', 6))).toBeGreaterThan(0);
    expect(Number(cell('initial', 5))).toBeGreaterThan(0); // hand-offs through the semaphore
    expect(cell('newcomer', 5)).toBe('0');
    expect(cell('newcomer', 7)).toMatch(/^assertion: assertion failed: the waiter starved: .* \(seed \d+\)$/);
    expect(cell('initial', 7)).toBe('-');
    expect(r.stdout).toMatch(/node bin\/simcc\.js run scenarios\/ch02-mutex-stages\/fairness\.ts --seed \d+ --mutex newcomer/);
    expect(r.stdout).toMatch(/node bin\/simcc\.js replay scenarios\/ch02-mutex-stages\/fairness\.ts --schedule '[^']+' --mutex spinning/);
  });

  it('--mutex all --json: the contract fields, then one entry per stage with its metrics', async () => {
    const r = await simcc(['run', DEMO, '--mutex', 'all', '--runs', '300', '--json']);
    expect(r.code).toBe(1);
    const doc = json(r.stdout);
    expect(Object.keys(doc)).toEqual(['file', 'scenario', 'verdict', 'strategy', 'executions', 'complete', 'findings', 'mutexComparison']);
    expect(doc.verdict).toBe('fail');
    expect(doc.mutexComparison.map((v: { variant: string; verdict: string }) => [v.variant, v.verdict])).toEqual([
      ['initial', 'pass'],
      ['newcomer', 'fail'],
      ['spinning', 'fail'],
      ['starvation', 'pass'],
    ]);
    const starvation = doc.mutexComparison[3];
    expect(starvation.executions).toBe(300);
    expect(starvation.mutex).toBe('starvation');
    expect(starvation.mutexMetrics).toMatchObject({ variants: ['starvation'], executions: 300 });
    expect(starvation.mutexMetrics.starvationModeEntries).toBeGreaterThan(0);
    expect(doc.executions).toBe(doc.mutexComparison.reduce((n: number, v: { executions: number }) => n + v.executions, 0));
    expect(doc.findings.map((f: { mutexVariant: string; kind: string }) => [f.mutexVariant, f.kind])).toEqual([
      ['newcomer', 'assertion'],
      ['spinning', 'assertion'],
    ]);
  });

  it('a stage with a finding reproduces from its seed and from its schedule', async () => {
    const first = json((await simcc(['run', DEMO, '--mutex', 'newcomer', '--json'])).stdout);
    expect(first.mutex).toBe('newcomer');
    expect(first.mutexMetrics.variants).toEqual(['newcomer']);
    const f = first.findings[0];
    expect(f.kind).toBe('assertion');
    const bySeed = await simcc(['run', DEMO, '--mutex', 'newcomer', '--seed', String(f.seed), '--json']);
    expect(bySeed.code).toBe(1);
    expect(json(bySeed.stdout).findings[0].message).toBe(f.message);
    const replay = await simcc(['replay', DEMO, '--mutex', 'newcomer', '--schedule', f.schedule, '--json']);
    expect(replay.code).toBe(1);
    expect(json(replay.stdout).findings[0].kind).toBe('assertion');
    // The same schedule under the initial stage is a different program: it does not starve.
    const other = await simcc(['replay', DEMO, '--mutex', 'initial', '--schedule', f.schedule, '--json']);
    expect(json(other.stdout).findings.map((x: { kind: string }) => x.kind)).not.toContain('assertion');
  });

  it('prints the metrics under a single stage, and exits 0 when it is clean', async () => {
    const r = await simcc(['run', DEMO, '--mutex', 'starvation', '--runs', '200']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^no findings in 200 executions/);
    expect(r.stdout).toMatch(/Mutex \(starvation\) over 200 executions: 2200 acquisitions, longest wait \d+ steps \/ \d+ ms, \d+ hand-offs, a newcomer beat a woken waiter \d+ times/);
  });

  it('rejects an unknown stage, and `all` for replay, in one line', async () => {
    const bad = await simcc(['run', DEMO, '--mutex', 'fair']);
    expect(bad.code).toBe(2);
    expect(oneLine(bad.stderr)).toBe("error: option '--mutex <variant>' argument 'fair' is invalid. expected one of: initial, newcomer, spinning, starvation, all");
    const all = await simcc(['replay', DEMO, '--mutex', 'all', '--schedule', '-']);
    expect(all.code).toBe(2);
    expect(oneLine(all.stderr)).toMatch(/argument 'all' is invalid\. expected one of: initial, newcomer, spinning, starvation$/);
  });
});
