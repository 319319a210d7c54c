/**
 * simcc/testing from a test file outside the project, as a user's project has it: a folder whose
 * node_modules holds simcc (this repository) and vitest, running vitest there. The matchers register
 * through 'simcc/testing/vitest', an inline scenario is explored in the test's process with locations
 * in the user's file, and a failing matcher shows simcc's report.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, ROOT } from './cli.js';

const project = mkdtempSync(path.join(tmpdir(), 'simcc-user-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));
const vitestDir = path.dirname(createRequire(import.meta.url).resolve('vitest/package.json'));

const TEST = `import { expect, it } from 'vitest';
import { scenario, go, shared, WaitGroup } from 'simcc';
import { exploreScenario, runScenario } from 'simcc/testing';
import 'simcc/testing/vitest';

const counter = scenario('counter', async () => {
  const count = shared('count', 0);
  const wg = new WaitGroup();
  await wg.add(2);
  for (let i = 0; i < 2; i++) go(async () => { await count.update((v) => v + 1); await wg.done(); });
  await wg.wait();
});

it('finds the race', async () => {
  const r = await exploreScenario(counter);
  expect(r).toFind('data-race');
  expect(r.findings[0].locations[0]).toMatch(/counter\\.test\\.ts:10:\\d+$/);
});

it('is expected to be clean', async () => {
  expect(await runScenario(counter, { runs: 10 })).toHaveNoFindings();
});
`;

function vitest(cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(vitestDir, 'vitest.mjs'), 'run', '--reporter', 'verbose'], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('simcc/testing in a user project', { timeout: 3 * E2E_TIMEOUT }, () => {
  it('the API and matchers work from a test file outside the project', async () => {
    mkdirSync(path.join(project, 'node_modules'));
    symlinkSync(ROOT, path.join(project, 'node_modules', 'simcc'), 'dir');
    symlinkSync(vitestDir, path.join(project, 'node_modules', 'vitest'), 'dir');
    writeFileSync(path.join(project, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(path.join(project, 'counter.test.ts'), TEST);
    const r = await vitest(project);
    expect(r.out).toMatch(/✓ counter\.test\.ts > finds the race/);
    // The second test is written to fail: its message is simcc's report of the race.
    expect(r.code).toBe(1);
    expect(r.out).toContain("expected no findings in scenario 'counter', but simcc found data-race");
    expect(r.out).toContain("data-race: data race on 'count'");
    expect(r.out).toMatch(/runScenario\(theScenario, \{ (seed: \d+|schedule: ".*") \}\)/);
  });
});
