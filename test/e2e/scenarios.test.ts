/**
 * The example scenarios under scenarios/ are run end to end, the way CI runs them:
 * `node bin/simcc.js check scenarios --json`, once, as a child process (the CLI needs `npm run build`,
 * which `npm test` does first, in `pretest`).
 *
 * 1. check exits 0 and passes every scenario.
 * 2. Each buggy scenario (one that declares `expect`) fails, with findings only of the kinds it
 *    expects, and each fixed twin (no `expect`) comes out clean. The same check results are
 *    reused here instead of a second `simcc run FILE --json` per file. A scenario's expectation is
 *    read from its source, so a file that check skips or misreads is caught too.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scenariosDir = path.join(root, 'scenarios');
const bin = path.join(root, 'bin', 'simcc.js');

interface JsonFinding {
  kind: string;
  message: string;
}
interface JsonResult {
  file: string;
  scenario?: string;
  verdict: 'pass' | 'fail' | 'error';
  findings?: JsonFinding[];
  error?: unknown;
  /** check only: the kinds the scenario declares, and whether it met them. */
  expect?: string[];
  passed?: boolean;
  [key: string]: unknown;
}

interface CheckRun {
  code: number | null;
  stdout: string;
  stderr: string;
  results: JsonResult[];
}

/** The files check must run, found independently of check (same rule: `*.ts`, not `_`/`.` helpers). */
function scenarioFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('_') || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...scenarioFiles(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The `expect: [...]` a scenario file declares, or undefined for a scenario that must come out clean. */
function declaredExpect(file: string): string[] | undefined {
  const m = /\bexpect\s*:\s*\[([^\]]*)\]/.exec(readFileSync(file, 'utf8'));
  if (!m) return undefined;
  return [...m[1]!.matchAll(/['"]([a-z-]+)['"]/g)].map((x) => x[1]!);
}

function runCheck(): Promise<CheckRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [bin, 'check', 'scenarios', '--json'],
      { cwd: root, maxBuffer: 256 * 1024 * 1024, timeout: 540_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        if (err && code === null) {
          reject(new Error(`simcc check did not finish: ${err.message}\n${stderr}`));
          return;
        }
        let results: JsonResult[];
        try {
          results = (JSON.parse(stdout) as { results: JsonResult[] }).results;
        } catch (e) {
          reject(new Error(`simcc check --json printed no JSON (exit ${code}): ${String(e)}\nstdout: ${stdout.slice(0, 2000)}\nstderr: ${stderr.slice(0, 2000)}`));
          return;
        }
        resolve({ code, stdout, stderr, results });
      },
    );
  });
}

const rel = (f: string): string => path.relative(root, path.resolve(root, f));

/** Whether a check result meets its scenario's declared expectation (the contract's rule for `check`). */
function meetsExpectation(r: JsonResult, expected: string[] | undefined): string | undefined {
  const kinds = (r.findings ?? []).map((f) => f.kind);
  if (r.verdict === 'error') return `scenario error: ${JSON.stringify(r.error ?? r)}`;
  if (expected === undefined) {
    if (kinds.length > 0 || r.verdict !== 'pass') {
      return `expected no findings, got verdict ${r.verdict}: ${(r.findings ?? []).map((f) => `${f.kind}: ${f.message}`).join('; ')}`;
    }
    return undefined;
  }
  if (r.verdict !== 'fail' || kinds.length === 0) return `expected one of [${expected.join(', ')}], found nothing (verdict ${r.verdict})`;
  const unexpected = (r.findings ?? []).filter((f) => !expected.includes(f.kind));
  if (unexpected.length > 0) {
    return `expected only [${expected.join(', ')}], got ${unexpected.map((f) => `${f.kind}: ${f.message}`).join('; ')}`;
  }
  return undefined;
}

describe('the example scenarios (simcc check scenarios)', () => {
  let run: CheckRun;
  const files = scenarioFiles(scenariosDir);

  beforeAll(async () => {
    run = await runCheck();
  }, 600_000);

  it('check exits 0 and every scenario passes', () => {
    const failures = run.results
      .filter((r) => r.passed === false || meetsExpectation(r, declaredExpect(path.resolve(root, r.file))) !== undefined)
      .map((r) => `${rel(r.file)}: ${meetsExpectation(r, declaredExpect(path.resolve(root, r.file))) ?? 'check says it failed'}`);
    expect(failures, `failing scenarios:\n${failures.join('\n')}\nstderr: ${run.stderr.slice(0, 2000)}`).toEqual([]);
    expect(run.code, `simcc check exit status\nstderr: ${run.stderr.slice(0, 2000)}`).toBe(0);
  });

  it('each buggy scenario fails with an expected kind, and each fixed twin is clean', () => {
    expect(files.length).toBeGreaterThan(0);
    const byFile = new Map(run.results.map((r) => [path.resolve(root, r.file), r]));
    const problems: string[] = [];
    let buggy = 0;
    for (const file of files) {
      const r = byFile.get(file);
      if (!r) {
        problems.push(`${rel(file)}: no result from check`);
        continue;
      }
      const expected = declaredExpect(file);
      if (expected) {
        buggy++;
        if (expected.length === 0) problems.push(`${rel(file)}: declares an empty expect list`);
      }
      if (Array.isArray(r.expect) && [...r.expect].sort().join() !== [...(expected ?? [])].sort().join()) {
        problems.push(`${rel(file)}: check read expect [${r.expect.join(', ')}], the file declares [${(expected ?? []).join(', ')}]`);
      }
      const why = meetsExpectation(r, expected);
      if (why) problems.push(`${rel(file)}: ${why}`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
    expect(buggy).toBeGreaterThan(0);
    // The tokio examples are checked here under run (tokio-flavour.test.ts checks them under explore).
    expect(files.filter((f) => f.includes(`${path.sep}tokio${path.sep}`)).length).toBeGreaterThanOrEqual(12);
  });
});
