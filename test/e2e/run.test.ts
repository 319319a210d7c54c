/**
 * `simcc run` and `simcc replay` on scenarios that have (or have not) a finding: exit status, the JSON
 * contract, determinism, and that the printed seed and schedule reproduce the finding.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, ROOT, json, simcc } from './cli.js';

const COUNTER = 'test/fixtures/counter.ts';

describe('simcc run', { timeout: E2E_TIMEOUT }, () => {
  it('finds the data race and prints the contract JSON', async () => {
    const r = await simcc(['run', COUNTER, '--json']);
    expect(r.code).toBe(1);
    const doc = json(r.stdout);
    expect(Object.keys(doc)).toEqual(['file', 'scenario', 'verdict', 'strategy', 'executions', 'complete', 'findings']);
    expect(doc).toMatchObject({ file: COUNTER, scenario: 'counter without a lock', verdict: 'fail', strategy: 'random', complete: false });
    const f = doc.findings[0];
    expect(f.kind).toBe('data-race');
    expect(Object.keys(f).slice(0, 6)).toEqual(['kind', 'message', 'seed', 'schedule', 'threads', 'locations']);
    expect(typeof f.seed).toBe('number');
    expect(typeof f.schedule).toBe('string');
    expect(f.locations[0]).toMatch(/^test\/fixtures\/counter\.ts:10:\d+$/);
    expect(f.threads.map((t: { name: string }) => t.name).sort()).toEqual(['worker-0', 'worker-1']);
  });

  it('prints byte-identical JSON for the same seed', async () => {
    const a = await simcc(['run', COUNTER, '--json', '--seed', '7']);
    const b = await simcc(['run', COUNTER, '--json', '--seed', '7']);
    expect(a.code).toBe(1);
    expect(b.stdout).toBe(a.stdout);
    const c = await simcc(['run', 'test/fixtures/counter-fixed.ts', '--json', '--runs', '50']);
    const d = await simcc(['run', 'test/fixtures/counter-fixed.ts', '--json', '--runs', '50']);
    expect(c.code).toBe(0);
    expect(d.stdout).toBe(c.stdout);
  });

  it('the worker bin/simcc.js starts before the compile (warm-worker.ts) reports exactly what a worker started after it does', async () => {
    const early = await simcc(['run', COUNTER, '--json', '--seed', '7']);
    // The compiled CLI run directly: no warm worker, the supervisor starts its own.
    const late = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      execFile(process.execPath, [path.join(ROOT, 'dist/cli/main.js'), 'run', COUNTER, '--json', '--seed', '7'], { cwd: ROOT }, (err, stdout) =>
        err && typeof err.code !== 'number' ? reject(err) : resolve({ code: err ? (err.code as number) : 0, stdout }),
      );
    });
    expect(early.code).toBe(1);
    expect(late.code).toBe(1);
    expect(late.stdout).toBe(early.stdout);
  });

  it('--seed reproduces the finding of a run, and replay --schedule reproduces it too', async () => {
    const first = json((await simcc(['run', COUNTER, '--json', '--runs', '200', '--seed', '3'])).stdout).findings[0];
    const bySeed = await simcc(['run', COUNTER, '--json', '--seed', String(first.seed)]);
    expect(bySeed.code).toBe(1);
    const again = json(bySeed.stdout);
    expect(again.executions).toBe(1);
    expect(again.findings[0]).toEqual(first);

    const replay = await simcc(['replay', COUNTER, '--schedule', first.schedule, '--json']);
    expect(replay.code).toBe(1);
    const doc = json(replay.stdout);
    expect(doc.strategy).toBe('replay');
    expect(doc.findings[0].kind).toBe(first.kind);
    expect(doc.findings[0].schedule).toBe(first.schedule);
  });

  it('prints a human report whose reproduce commands work', async () => {
    const r = await simcc(['run', COUNTER]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('data-race: ');
    expect(r.stdout).toContain('WARNING: DATA RACE');
    expect(r.stdout).toMatch(/by goroutine worker-\d:\n\s+test\/fixtures\/counter\.ts:10:\d+/);
    expect(r.stdout).toContain('timeline');
    const seed = /node bin\/simcc\.js run test\/fixtures\/counter\.ts --seed (\d+)/.exec(r.stdout)?.[1];
    const schedule = /node bin\/simcc\.js replay test\/fixtures\/counter\.ts --schedule '([^']+)'/.exec(r.stdout)?.[1];
    expect(seed).toBeDefined();
    expect(schedule).toBeDefined();
    const bySeed = await simcc(['run', COUNTER, '--seed', seed!]);
    expect(bySeed.code).toBe(1);
    expect(bySeed.stdout).toContain('WARNING: DATA RACE');
    const byReplay = await simcc(['replay', COUNTER, '--schedule', schedule!]);
    expect(byReplay.code).toBe(1);
    expect(byReplay.stdout).toContain('WARNING: DATA RACE');
  });

  it('a clean run is one line and exit 0', async () => {
    const r = await simcc(['run', 'test/fixtures/counter-fixed.ts', '--runs', '50']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('no findings in 50 executions (random, seeds 1..50)\n');
    expect(r.stderr).toBe('');
  });

  it('a plain async function is a scenario named after its file', async () => {
    const r = await simcc(['run', 'test/fixtures/plain-function.ts', '--json']);
    expect(r.code).toBe(1);
    expect(json(r.stdout).scenario).toBe('plain-function');
  });

  it("resolves 'simcc' for a scenario file outside the package", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'simcc-e2e-'));
    try {
      const file = path.join(dir, 'counter.ts');
      await copyFile(path.join(ROOT, COUNTER), file);
      const r = await simcc(['run', file, '--json', '--seed', '7'], dir);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      const doc = json(r.stdout);
      expect(doc.file).toBe(file);
      expect(doc.findings[0].kind).toBe('data-race');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
