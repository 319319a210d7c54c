/**
 * The documentation tells the truth: the README's quick start is two commands and its simcc command works,
 * every reproduce command the README's example reports print runs as printed and shows the example's kind
 * (docs/tools/readme-examples.mjs regenerates them when simcc changes), the reference documents every export
 * of 'simcc', and every local link resolves.
 */
import { exec } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, ROOT, userEnv } from './cli.js';

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const API = readFileSync(path.join(ROOT, 'docs/scenario-api.md'), 'utf8');
const GLOSSARY = readFileSync(path.join(ROOT, 'docs/glossary.md'), 'utf8');
const RUST_GUIDE = readFileSync(path.join(ROOT, 'docs/rust.md'), 'utf8');

/** Runs a command line as printed, through the shell, from the repository root. */
function shell(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    exec(command, { cwd: ROOT, env: userEnv({ NO_COLOR: '1' }), maxBuffer: 16 * 2 ** 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

/** The example reports of "What simcc finds": kind and the commands its block prints. */
function examples(): { kind: string; commands: string[] }[] {
  const out: { kind: string; commands: string[] }[] = [];
  for (const m of README.matchAll(/#{3,4} `([a-z-]+)`\n\n[^\n]*From `[^`]+`:\n\n```\n([\s\S]*?)\n```/g)) {
    const commands = m[2]!.split('\n').filter((l) => l.startsWith('  node bin/simcc.js ')).map((l) => l.trim());
    out.push({ kind: m[1]!, commands });
  }
  return out;
}

describe('README', { timeout: 5 * E2E_TIMEOUT }, () => {
  it('the quick start is exactly two commands, and its simcc command works as printed', async () => {
    const block = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(README)![1]!;
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toEqual(['npm ci && node bin/simcc.js run scenarios/ch01-mutex/counter-no-lock.ts', 'npm test']);
    const r = await shell(lines[0]!.replace(/^npm ci && /, ''));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('data-race: ');
    expect(r.stdout).toContain('  node bin/simcc.js replay scenarios/ch01-mutex/counter-no-lock.ts --schedule ');
  });

  it('every reproduce command of the example reports works as printed and shows the example’s kind', async () => {
    const all = examples();
    expect(all.length).toBeGreaterThanOrEqual(20);
    const jobs = all.flatMap(({ kind, commands }) => {
      expect(commands.length, `the ${kind} example prints its reproduce commands`).toBeGreaterThan(0);
      return commands.map((command) => ({ kind, command }));
    });
    // Two at a time (CI has 2 cores).
    const failures: string[] = [];
    for (let i = 0; i < jobs.length; i += 2) {
      await Promise.all(
        jobs.slice(i, i + 2).map(async ({ kind, command }) => {
          let r = await shell(command);
          // On a machine loaded far past its cores the import watchdog (2 s) can fire: that is not the README's fault.
          if (r.code === 2 && /did not finish within|made no progress/.test(r.stderr)) r = await shell(command);
          if (r.code !== 1 || !r.stdout.includes(`\n${kind}: `)) failures.push(`${command}\n  → exit ${r.code}: ${(r.stderr || r.stdout).split('\n').slice(0, 3).join(' | ')}`);
        }),
      );
    }
    expect(failures, 'stale README examples: run `npm run build && node docs/tools/readme-examples.mjs`').toEqual([]);
  });

  it('links to the docs in the repository, not outside it', () => {
    expect(README).not.toContain('../shared/');
    for (const doc of [README, API, GLOSSARY, RUST_GUIDE]) {
      for (const m of doc.matchAll(/\]\(([^)#:\s]+)(?:#[^)]*)?\)/g)) {
        const base = doc === README ? ROOT : path.join(ROOT, 'docs');
        expect(existsSync(path.join(base, m[1]!)), `link ${m[1]}`).toBe(true);
      }
    }
    expect(README).toContain('](docs/scenario-api.md)');
    expect(README).toContain('](docs/glossary.md)');
    expect(readFileSync(path.join(ROOT, 'src/index.ts'), 'utf8')).toContain('docs/scenario-api.md');
  });
});

describe('docs/scenario-api.md', () => {
  it('documents every export of src/index.ts', () => {
    const index = readFileSync(path.join(ROOT, 'src/index.ts'), 'utf8');
    const names = [...index.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((m) =>
      m[1]!.split(',').map((n) => n.trim().replace(/^type\s+/, '')).filter((n) => n !== ''),
    );
    expect(names.length).toBeGreaterThan(40);
    const missing = names.filter((n) => !API.includes(`\`${n}`) && !API.includes(`${n}<`) && !new RegExp(`\\b${n}\\b`).test(API));
    expect(missing).toEqual([]);
  });

  it('lists every finding kind simcc reports', async () => {
    const { FINDING_KINDS } = await import('../../src/findings.js');
    const missing = FINDING_KINDS.filter((k) => !API.includes(`\`${k}\``));
    expect(missing).toEqual([]);
  });

  it('the glossary explains the words reports use', () => {
    for (const word of ['Schedule', 'Preemption', 'Task', 'Shrinking', 'DPOR', 'PCT', '`--time free` and `--time synctest`']) expect(GLOSSARY).toContain(`**${word}`);
  });
});

describe('docs/rust.md', { timeout: 5 * E2E_TIMEOUT }, () => {
  it('documents every export of src/rust.ts', () => {
    const entry = readFileSync(path.join(ROOT, 'src/rust.ts'), 'utf8');
    const names = [...entry.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((m) =>
      m[1]!.split(',').map((n) => n.trim().replace(/^type\s+/, '')).filter((n) => n !== ''),
    );
    expect(names.length).toBeGreaterThan(40);
    const missing = names.filter((n) => !new RegExp(`\\b${n}\\b`).test(RUST_GUIDE));
    expect(missing).toEqual([]);
  });

  it('its reports are real: each one\'s --seed command reproduces its first line', async () => {
    const blocks = [...RUST_GUIDE.matchAll(/<!-- report: (\S+) -->\n\n```\n([\s\S]*?)\n```/g)];
    expect(blocks.length).toBeGreaterThanOrEqual(10);
    const failures: string[] = [];
    for (const [, file, block] of blocks) {
      const seed = block!.split('\n').find((l) => l.startsWith(`  node bin/simcc.js run ${file} --seed `));
      if (!seed) {
        failures.push(`${file}: no --seed command in its report`);
        continue;
      }
      let r = await shell(seed.trim());
      if (r.code === 2 && /did not finish within|made no progress/.test(r.stderr)) r = await shell(seed.trim());
      const first = block!.split('\n')[0]!;
      if (!r.stdout.includes(`\n${first}\n`)) failures.push(`${seed.trim()}\n  → ${r.stdout.split('\n').slice(2, 3).join('')}`);
    }
    expect(failures, 'stale reports: run `npm run build && node docs/tools/rust-guide-reports.mjs`').toEqual([]);
  });
});
