/**
 * `simcc run` with --strategy pct / --depth / --pct-steps, shrinking (--no-shrink), --verify-determinism
 * and the progress line: flags, reproduce commands that work, and one-line usage errors.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, ROOT, json, oneLine, simcc } from './cli.js';

const COUNTER = 'test/fixtures/counter.ts';
const RANDOM = 'test/fixtures/random-branch.ts';

describe('simcc run --strategy pct', { timeout: E2E_TIMEOUT }, () => {
  it('finds the race, says pct, and --seed with the printed PCT flags reruns the same execution', async () => {
    const r = await simcc(['run', COUNTER, '--strategy', 'pct', '--json']);
    expect(r.code).toBe(1);
    const doc = json(r.stdout);
    expect(doc.strategy).toBe('pct');
    const f = doc.findings[0];
    expect(f.kind).toBe('data-race');
    expect(f.pct).toEqual({ depth: 3, steps: expect.any(Number) });
    const again = await simcc(['run', COUNTER, '--json', '--seed', String(f.seed), '--strategy', 'pct', '--depth', '3', '--pct-steps', String(f.pct.steps)]);
    expect(again.code).toBe(1);
    expect(json(again.stdout).findings[0]).toEqual(f);
  });

  it('prints reproduce commands with the PCT flags, and they work', async () => {
    const r = await simcc(['run', COUNTER, '--strategy', 'pct', '--depth', '2', '--runs', '50', '--seed', '11']);
    expect(r.code).toBe(1);
    const cmd = /node bin\/simcc\.js (run test\/fixtures\/counter\.ts --seed \d+ --strategy pct --depth 2 --pct-steps \d+)/.exec(r.stdout)?.[1];
    expect(cmd).toBeDefined();
    const again = await simcc([...cmd!.split(' '), '--json']);
    expect(again.code).toBe(1);
    expect(json(again.stdout).findings[0].kind).toBe('data-race');
  });

  it('gives byte-identical output for the same flags', async () => {
    const args = ['run', 'test/fixtures/counter-fixed.ts', '--strategy', 'pct', '--runs', '100', '--json'];
    const a = await simcc(args);
    const b = await simcc(args);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(json(a.stdout).executions).toBe(100);
  });

  it('rejects PCT flags without pct, a bad depth and an unknown strategy, in one line', async () => {
    const noPct = await simcc(['run', COUNTER, '--depth', '2']);
    expect(noPct.code).toBe(2);
    expect(oneLine(noPct.stderr)).toBe('error: --depth applies only to --strategy pct');
    const steps = await simcc(['run', COUNTER, '--pct-steps', '9']);
    expect(oneLine(steps.stderr)).toBe('error: --pct-steps applies only to --strategy pct');
    const zero = await simcc(['run', COUNTER, '--strategy', 'pct', '--depth', '0']);
    expect(zero.code).toBe(2);
    expect(oneLine(zero.stderr)).toMatch(/--depth.*expected an integer from 1 to 1000/);
    const bad = await simcc(['run', COUNTER, '--strategy', 'dfs']);
    expect(bad.code).toBe(2);
    expect(oneLine(bad.stderr)).toMatch(/unknown strategy \(expected: random, pct\)/);
  });
});

describe('shrinking in simcc run', { timeout: E2E_TIMEOUT }, () => {
  it('prints the shrunk schedule with both reproduce commands; --no-shrink prints it as found', async () => {
    const r = await simcc(['run', COUNTER, '--seed', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/schedule shrunk from \d+ steps, \d+ preemptions to \d+ steps, 0 preemptions \(\d+ replays\); --seed reruns the execution as found, --schedule the shrunk one/);
    const schedule = /--schedule '([^']+)'/.exec(r.stdout)![1]!;
    const replay = await simcc(['replay', COUNTER, '--schedule', schedule, '--json']);
    expect(replay.code).toBe(1);
    const doc = json(replay.stdout);
    expect(doc.findings[0].kind).toBe('data-race');
    expect(doc.findings[0].schedule).toBe(schedule);

    const shrunk = json((await simcc(['run', COUNTER, '--seed', '1', '--json'])).stdout).findings[0];
    expect(shrunk.shrunk.to.preemptions).toBe(0);
    expect(shrunk.schedule).toBe(schedule);
    const raw = json((await simcc(['run', COUNTER, '--seed', '1', '--json', '--no-shrink'])).stdout).findings[0];
    expect(raw.shrunk).toBeUndefined();
    expect(raw.schedule).toBe(shrunk.shrunk.from.schedule);
    expect(raw.locations).toEqual(shrunk.locations);
    const plain = await simcc(['run', COUNTER, '--seed', '1', '--no-shrink']);
    expect(plain.stdout).not.toContain('shrunk');
  });
});

describe('simcc run --verify-determinism', { timeout: E2E_TIMEOUT }, () => {
  it('reports nondeterminism for a scenario that branches on Math.random, with the replayed schedule', async () => {
    const r = await simcc(['run', RANDOM, '--verify-determinism', '--json']);
    expect(r.code).toBe(1);
    const f = json(r.stdout).findings[0];
    expect(json(r.stdout).findings).toHaveLength(1);
    expect(f.kind).toBe('nondeterminism');
    expect(f.schedule).toMatch(/^\d/);
    expect(f.seed).toBe(1);
    expect(f.details.at(-1)).toMatch(/Math\.random/);
  });

  it('leaves a deterministic scenario’s finding alone', async () => {
    const r = await simcc(['run', COUNTER, '--verify-determinism', '--seed', '3', '--json']);
    expect(r.code).toBe(1);
    expect(json(r.stdout).findings.map((f: { kind: string }) => f.kind)).toEqual(['data-race']);
  });

  it('a replayed schedule that does not fit is a usage error saying at which step (not a nondeterminism finding)', async () => {
    const r = await simcc(['replay', COUNTER, '--schedule', '9.9', '--json']);
    expect(r.code).toBe(2);
    const doc = json(r.stdout);
    expect(doc.verdict).toBe('error');
    expect(doc.findings).toEqual([]);
    expect(doc.error.message).toMatch(/^the schedule does not fit this scenario: at step 2 the schedule runs goroutine 9, but only/);
  });
});

/** Runs the CLI with stderr taken for a terminal (and CI unset), as a user at a terminal sees it. */
function onTerminal(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const bin = fileURLToPath(new URL('../../bin/simcc.js', import.meta.url));
  const tty = 'data:text/javascript,Object.defineProperty(process.stderr,"isTTY",{value:true})';
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tty, bin, ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('progress', { timeout: E2E_TIMEOUT }, () => {
  it('shows a progress line and a summary on a terminal, and nothing with --json', async () => {
    const r = await onTerminal(['run', 'test/fixtures/counter-fixed.ts', '--runs', '300']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('no findings in 300 executions (random, seeds 1..300)\n');
    expect(r.stderr).toMatch(/^\rsimcc run test\/fixtures\/counter-fixed\.ts {2}\d[\d,]* executions? /);
    expect(r.stderr).toMatch(/\r\x1b\[Ksimcc run test\/fixtures\/counter-fixed\.ts: 300 executions in [\d.]+s \([\d,.]+\/s\), 0 findings\n$/);
    const quiet = await onTerminal(['run', 'test/fixtures/counter-fixed.ts', '--runs', '300', '--json']);
    expect(quiet.stderr).toBe('');
  });
});
