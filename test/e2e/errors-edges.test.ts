/**
 * Nothing lost at the edges (issue 12, items 6 and 7): odd paths, odd names, odd thrown values, long schedules,
 * signals, --json for usage errors, NO_COLOR, a schedule that does not fit, a bad TMPDIR. Each case runs the
 * CLI as a user would and checks exactly what the user sees.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, ROOT, json, oneLine, simcc, userEnv } from './cli.js';

const BIN = fileURLToPath(new URL('../../bin/simcc.js', import.meta.url));
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'simcc-edges-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a scenario file under the test's folder and returns its path. */
function scenarioFile(name: string, source: string): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, source);
  return file;
}

const thrower = (what: string) => `import { scenario, go, WaitGroup, yieldNow } from 'simcc';
export default scenario('throws', async () => {
  const wg = new WaitGroup();
  await wg.add(1);
  go(async () => {
    await yieldNow();
    throw ${what};
  }, 'thrower');
  await wg.wait();
});
`;

describe('source locations and names', { timeout: E2E_TIMEOUT }, () => {
  it('a space (and parentheses) in the scenario’s path keeps every location and names the goroutines right', async () => {
    const file = path.join(dir, 'My Projects (old)', 'counter.ts');
    mkdirSync(path.dirname(file), { recursive: true });
    copyFileSync(path.join(ROOT, 'test/fixtures/counter.ts'), file);
    const r = await simcc(['run', file, '--seed', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('(location unknown)');
    expect(r.stdout).not.toContain('is the main goroutine');
    expect(r.stdout).toContain(`Goroutine worker-0 created at:\n    ${file}:9:5`);
    expect(r.stdout).toContain(`  node bin/simcc.js run '${file}' --seed 1`);
    const doc = json((await simcc(['run', file, '--seed', '1', '--json'])).stdout);
    expect(doc.findings[0].locations[0]).toBe(`${file}:10:19`);
  });

  it('a goroutine name that is not a string is a scenario error at its line', async () => {
    const file = scenarioFile('bad-go-name.ts', `import { scenario, go, WaitGroup } from 'simcc';
export default scenario('bad names', async () => {
  const wg = new WaitGroup();
  await wg.add(1);
  go(async () => {
    await wg.done();
  }, 42 as unknown as string);
  await wg.wait();
});
`);
    const r = await simcc(['run', file]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(`error: ${file}:5:3: go(): a name must be a string, not the number 42`);
  });

  it('an object name that is not a string (a bigint) is a scenario error, and the JSON is still written', async () => {
    const file = scenarioFile('bad-object-name.ts', `import { scenario, Mutex } from 'simcc';
export default scenario('bad object name', async () => {
  const mu = new Mutex({ name: 7n as unknown as string });
  await mu.lock();
});
`);
    const r = await simcc(['run', file, '--json']);
    expect(r.code).toBe(2);
    expect(json(r.stdout).error).toEqual({ message: 'new Mutex(): a name must be a string, not the bigint 7n', location: `${file}:3:14` });
  });

  it('unnamed objects are numbered per kind: the first WaitGroup is wg#1', async () => {
    const r = await simcc(['run', 'test/fixtures/counter.ts', '--seed', '1']);
    expect(r.stdout).toContain("WaitGroup 'wg#1'");
  });
});

describe('deadlock and leak reports', { timeout: E2E_TIMEOUT }, () => {
  it('never calls a finished goroutine blocked ("all of them are blocked" only about live ones)', async () => {
    const r = await simcc(['run', 'scenarios/ch14-channel-patterns/map-reduce-early-exit-leak.ts', '--seed', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("'main' (finished)");
    expect(r.stdout).not.toContain('all of them are blocked');
    expect(r.stdout).toContain('the one still alive is blocked');
  });

  it('a wait-for cycle’s timeline ends with each deadlocked goroutine’s final wait', async () => {
    const r = await simcc(['run', 'scenarios/ch03-mutex-pitfalls/lock-order-deadlock.ts', '--seed', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('wait for each other in a cycle');
    const rows = r.stdout.split('timeline')[1]!.split('\n\n')[0]!.split('\n');
    const last = (name: string) => rows.filter((l) => new RegExp(`^\\s+\\d+\\s+${name}\\s`).test(l)).at(-1)!;
    expect(last('police-station')).toContain("then waits: lock of Mutex 'propertyCertificate'");
    expect(last('property-office')).toContain("then waits: lock of Mutex 'psCertificate'");
  });
});

describe('thrown values and assertions', { timeout: E2E_TIMEOUT }, () => {
  it('a thrown value with no string form is still a panic finding (exit 1), not a crash', async () => {
    const r = await simcc(['run', scenarioFile('throw-null-proto.ts', thrower('Object.create(null)')), '--json']);
    expect(r.code).toBe(1);
    const f = json(r.stdout).findings[0];
    expect(f.kind).toBe('panic');
    expect(f.message).toBe('an object with no string form');
  });

  it('`throw 42` in a goroutine keeps its location (the goroutine’s last operation, before the throw)', async () => {
    const file = scenarioFile('throw-42.ts', thrower('42'));
    const r = await simcc(['run', file, '--json']);
    expect(r.code).toBe(1);
    const f = json(r.stdout).findings[0];
    expect([f.kind, f.message]).toEqual(['panic', '42']);
    expect(f.locations).toEqual([`${file}:6:11`]);
  });

  it('assert(cond, notAString) stays an assertion, whatever the message is', async () => {
    for (const [message, shown] of [
      ["{ why: 'x is not 2' } as unknown as string", 'assertion failed: {"why":"x is not 2"}'],
      ["Symbol('nope') as unknown as string", 'assertion failed: Symbol(nope)'],
    ] as const) {
      const file = scenarioFile(`assert-${shown.length}.ts`, `import { scenario, assert, shared } from 'simcc';
export default scenario('assert', async () => {
  const x = shared('x', 1);
  assert((await x.read()) === 2, ${message});
});
`);
      const r = await simcc(['run', file, '--json']);
      expect(r.code).toBe(1);
      expect(json(r.stdout).findings.map((f: { kind: string; message: string }) => [f.kind, f.message])).toEqual([['assertion', shown]]);
    }
  });
});

describe('schedules', { timeout: E2E_TIMEOUT }, () => {
  it('a replayed schedule that does not fit is a usage error naming the step where it stops fitting', async () => {
    const r = await simcc(['replay', 'test/fixtures/counter.ts', '--schedule', '5']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(oneLine(r.stderr)).toBe(
      'error: test/fixtures/counter.ts: the schedule does not fit this scenario: at step 2 the schedule runs goroutine 5, but only 1, 2 can run (was it printed for this file, with the same flags?)',
    );
  });

  it('a long schedule is written to a file, the reproduce line says --schedule-file, and that command reproduces it', async () => {
    const work = mkdtempSync(path.join(dir, 'long-'));
    const fixture = path.join(ROOT, 'test/fixtures/long-schedule.ts');
    const r = await simcc(['run', fixture, '--seed', '1', '--no-shrink'], work);
    expect(r.code).toBe(1);
    const m = /replay \S+ --schedule-file (\.simcc\/schedule-[0-9a-f]{16}\.txt)$/m.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(r.stdout).not.toMatch(/--schedule '/);
    const saved = readFileSync(path.join(work, m![1]!), 'utf8').trim();
    expect(saved.length).toBeGreaterThan(4096);
    expect(saved).toBe(json((await simcc(['run', fixture, '--seed', '1', '--no-shrink', '--json'], work)).stdout).findings[0].schedule);
    const again = await simcc(['replay', fixture, '--schedule-file', m![1]!, '--json'], work);
    expect(again.code).toBe(1);
    expect(json(again.stdout).findings[0].message).toBe('assertion failed: the end');
  });

  it('--schedule-file: a missing file, a file that is not a schedule, and both options at once are usage errors', async () => {
    const missing = await simcc(['replay', 'test/fixtures/counter.ts', '--schedule-file', 'no/such.txt']);
    expect([missing.code, oneLine(missing.stderr)]).toEqual([2, 'error: --schedule-file no/such.txt: no such file']);
    const junk = path.join(dir, 'junk.txt');
    writeFileSync(junk, 'not a schedule\n');
    const bad = await simcc(['replay', 'test/fixtures/counter.ts', '--schedule-file', junk]);
    expect(bad.code).toBe(2);
    expect(oneLine(bad.stderr)).toMatch(new RegExp(`^error: --schedule-file ${junk}: not a schedule printed by simcc`));
    const both = await simcc(['replay', 'test/fixtures/counter.ts', '--schedule', '1', '--schedule-file', junk]);
    expect([both.code, oneLine(both.stderr)]).toEqual([2, 'error: give either --schedule or --schedule-file, not both']);
  });
});

describe('the command line', { timeout: E2E_TIMEOUT }, () => {
  it('--json prints one JSON document for usage errors too (verdict "error")', async () => {
    const r = await simcc(['run', 'test/fixtures/counter.ts', '--sed', '3', '--json']);
    expect(r.code).toBe(2);
    expect(json(r.stdout)).toEqual({
      file: 'test/fixtures/counter.ts',
      verdict: 'error',
      executions: 0,
      complete: false,
      findings: [],
      error: { message: "unknown option '--sed' (Did you mean --seed?)" },
    });
    expect(oneLine(r.stderr)).toBe("error: unknown option '--sed' (Did you mean --seed?)");
    const late = await simcc(['run', 'test/fixtures/counter.ts', '--depth', '2', '--json']);
    expect(late.code).toBe(2);
    expect(json(late.stdout).error.message).toBe('--depth applies only to --strategy pct');
  });

  it('NO_COLOR turns colours off even where FORCE_COLOR turns them on', async () => {
    const forced = await simcc(['run', 'test/fixtures/counter.ts', '--seed', '1'], ROOT, userEnv({ FORCE_COLOR: '1' }));
    expect(forced.stdout).toContain('\x1b[');
    const none = await simcc(['run', 'test/fixtures/counter.ts', '--seed', '1'], ROOT, userEnv({ FORCE_COLOR: '1', NO_COLOR: '1' }));
    expect(none.code).toBe(1);
    expect(none.stdout).not.toContain('\x1b[');
    expect(none.stdout).toContain('WARNING: DATA RACE');
  });

  it('a TMPDIR that does not exist is one clear line, with no temporary path of simcc’s own', async () => {
    const r = await simcc(['run', 'test/fixtures/counter.ts'], ROOT, userEnv({ TMPDIR: '/nonexistent-simcc-tmp' }));
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe('error: test/fixtures/counter.ts: the temporary folder /nonexistent-simcc-tmp does not exist: set TMPDIR to a writable folder');
    expect(r.stderr).not.toMatch(/simcc-[A-Za-z0-9]{6}|\n\s+at /);
  });

  it('reproduce lines start as simcc was started: npx simcc under npx or an npm script', async () => {
    const r = await simcc(['run', 'test/fixtures/counter.ts', '--seed', '1'], ROOT, userEnv({ npm_command: 'exec' }));
    expect(r.stdout).toContain('  npx simcc run test/fixtures/counter.ts --seed 1\n');
    const plain = await simcc(['run', 'test/fixtures/counter.ts', '--seed', '1']);
    expect(plain.stdout).toContain('  node bin/simcc.js run test/fixtures/counter.ts --seed 1\n');
  });
});

describe('signals', { timeout: E2E_TIMEOUT }, () => {
  /** Starts a long run, waits until the scenario announces itself, sends `signal`, and collects the rest. */
  function interrupt(args: string[], signal: NodeJS.Signals, announcedOn: 'stdout' | 'stderr') {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let sent = false;
      const watch = () => {
        const seen = announcedOn === 'stdout' ? stdout : stderr;
        if (!sent && seen.includes('long-run: imported')) {
          sent = true;
          child.kill(signal);
        }
      };
      child.stdout.setEncoding('utf8').on('data', (d: string) => ((stdout += d), watch()));
      child.stderr.setEncoding('utf8').on('data', (d: string) => ((stderr += d), watch()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('SIGINT stops a run, says what was covered, exits 130', async () => {
    const r = await interrupt(['run', 'test/fixtures/long-run.ts'], 'SIGINT', 'stdout');
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/^interrupted by SIGINT after \d+ executions? of simcc run test\/fixtures\/long-run\.ts: no finding so far; incomplete\n$/);
  });

  it('SIGTERM under --json still prints one JSON document, exits 143', async () => {
    const r = await interrupt(['explore', 'test/fixtures/long-run.ts', '--json'], 'SIGTERM', 'stderr');
    expect(r.code).toBe(143);
    const doc = json(r.stdout);
    expect(doc).toMatchObject({ file: 'test/fixtures/long-run.ts', verdict: 'error', complete: false, findings: [], interrupted: { signal: 'SIGTERM' } });
    expect(doc.error.message).toMatch(/^interrupted by SIGTERM after \d+ executions? of simcc explore/);
  });

  it('a finding made before the signal is printed with its schedule as found', async () => {
    const child = spawn(process.execPath, [BIN, 'explore', 'test/fixtures/long-explore-race.ts', '--all', '--no-probes', '--max-time', '600'], { cwd: ROOT, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      // The race is in every execution: once the scenario is imported, give the first executions a moment.
      if (d.includes('long-explore-race: imported')) setTimeout(() => child.kill('SIGINT'), 3000);
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted by SIGINT after \d+ executions? of simcc explore test\/fixtures\/long-explore-race\.ts: \d+ findings? so far/);
    expect(stderr).toMatch(/^data-race: data race on 'x'.*\n  schedule as found: \S+/m);
  });

  it('temporary bundles are removed on a signal', async () => {
    const tmp = mkdtempSync(path.join(dir, 'tmp-'));
    const child = spawn(process.execPath, [BIN, 'run', 'test/fixtures/long-run.ts'], { cwd: ROOT, env: userEnv({ TMPDIR: tmp }), stdio: ['ignore', 'pipe', 'pipe'] });
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        if (d.includes('long-run: imported')) child.kill('SIGINT');
      });
      child.on('close', resolve);
    });
    expect(code).toBe(130);
    expect(existsSync(tmp) && readdirSync(tmp)).toEqual([]);
  });
});
