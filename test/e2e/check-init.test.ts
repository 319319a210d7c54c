/**
 * Types for scenario files anywhere: `simcc init DIR` writes a tsconfig.json that maps `simcc` to the
 * running simcc's declarations, so `tsc` (and an editor) type-check a scenario outside the repository;
 * `--typecheck` reports a type error as a scenario error (exit 2, `file:line:col`, the compiler's text).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, json, oneLine, simcc } from './cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'simcc-init-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
// A loaded CI machine must not turn a slow import into a "no progress" scenario error here.
const PATIENT = ['--sync-timeout', '60000'];

function tsc(project: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSC, '-p', project], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

const TYPO = `import { scenario, Mutex } from 'simcc';

export default scenario('typo', async () => {
  const mu = new Mutex();
  await mu.lokc();
});
`;

describe('types for scenarios outside the repository', { timeout: 2 * E2E_TIMEOUT }, () => {
  it('simcc init writes a tsconfig.json with which tsc type-checks a scenario, and the scenario runs', async () => {
    const init = await simcc(['init', dir, '--example']);
    expect(init.code).toBe(0);
    const config = JSON.parse(readFileSync(path.join(dir, 'tsconfig.json'), 'utf8'));
    expect(config.compilerOptions.paths.simcc[0]).toMatch(/dist[\\/]index\.d\.ts$/);
    expect((await tsc(dir)).code).toBe(0);
    const run = await simcc(['run', 'example.ts', '--typecheck', '--runs', '20', ...PATIENT], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("data-race: data race on 'count'");
    expect((await simcc(['check', '.', '--runs', '20', ...PATIENT], dir)).code).toBe(0);
    const again = await simcc(['init', dir]);
    expect(again.code).toBe(2);
    expect(oneLine(again.stderr)).toMatch(/tsconfig\.json exists already \(--force overwrites it\)$/);
  });

  it('a misspelt method: tsc and --typecheck name its line; the scenario does not run', async () => {
    writeFileSync(path.join(dir, 'typo.ts'), TYPO);
    const checked = await tsc(dir);
    expect(checked.code).not.toBe(0);
    expect(checked.out).toContain("typo.ts(5,12): error TS2339: Property 'lokc' does not exist on type 'Mutex'.");
    for (const command of ['run', 'explore']) {
      const r = await simcc([command, 'typo.ts', '--typecheck'], dir);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toBe("error: typo.ts:5:12: TS2339: Property 'lokc' does not exist on type 'Mutex'.");
      expect(r.stdout).toBe('');
    }
    const doc = json((await simcc(['run', 'typo.ts', '--typecheck', '--json'], dir)).stdout);
    expect(doc).toMatchObject({ file: 'typo.ts', verdict: 'error', executions: 0, error: { location: 'typo.ts:5:12' } });
    // Without --typecheck the misspelt method is still a scenario error at its line, not a panic finding.
    const untyped = await simcc(['run', 'typo.ts', '--runs', '5', ...PATIENT], dir);
    expect(untyped.code).toBe(2);
    expect(oneLine(untyped.stderr)).toBe('error: typo.ts:5:12: TypeError: mu.lokc is not a function');
    rmSync(path.join(dir, 'typo.ts'));
  });

  it('a misspelt option key is a scenario error naming the nearest known key', async () => {
    const file = path.join(dir, 'option.ts');
    writeFileSync(file, `import { scenario } from 'simcc';\nconst o = { name: 'x', expcet: ['deadlock'] };\nexport default scenario(o, async () => {});\n`);
    const r = await simcc(['run', 'option.ts', ...PATIENT], dir);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe("error: option.ts:3:16: unknown scenario option 'expcet': did you mean 'expect'?");
    rmSync(file);
  });
});
