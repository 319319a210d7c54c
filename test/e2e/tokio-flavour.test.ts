/**
 * The tokio flavour's entry point, 'simcc/tokio': a scenario anywhere on disk imports it; its reports say
 * "task"; a plain async function exported from a file that imports it is `#[tokio::main]`'s body; the
 * `runtime` option is accepted; and the scenarios of scenarios/tokio pass `check` under run and explore.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, json, simcc } from './cli.js';

// Two tasks each wait on the other's end: a deadlock in tasks.
const DEADLOCK = `import { scenario, spawn, CancellationToken } from 'simcc/tokio';

export default scenario({ name: 'tokio deadlock', runtime: { flavor: 'current_thread' } }, async () => {
  const stop = new CancellationToken({ name: 'stop' });
  const h = spawn(async () => {
    await stop.cancelled();
  }, 'worker');
  await h.join();
});
`;

// A plain function: main's JoinHandle is dropped when main returns (Rust destructors), so the
// worker's panic, which nobody observed, is a finding.
const PLAIN = `import { spawn, sleep, panic } from 'simcc/tokio';

export default async function () {
  spawn(async () => {
    await sleep(1);
    panic('lost');
  }, 'worker');
  await sleep(5);
}
`;

// A std sleep in a task on current_thread: blocking-in-async, and the other task waits for the worker.
const BLOCKING = `import { scenario, spawn, sleep } from 'simcc/tokio';
import { thread } from 'simcc/rust';

export default scenario({ name: 'std sleep in a task', runtime: { flavor: 'current_thread' } }, async () => {
  const a = spawn(async () => { await thread.sleep(50); }, 'a');
  const b = spawn(async () => { await sleep(10); }, 'b');
  (await a.join()).unwrap();
  (await b.join()).unwrap();
});
`;

const BAD_RUNTIME = `import { scenario } from 'simcc/tokio';

export default scenario({ name: 'bad', runtime: { flavor: 'current_thread', workers: 4 } }, async () => {});
`;

describe('the tokio flavour (simcc/tokio)', { timeout: E2E_TIMEOUT * 3 }, () => {
  let dir = '';
  let file = '';
  let plain = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'simcc-tokio-'));
    file = path.join(dir, 'deadlock.ts');
    await writeFile(file, DEADLOCK);
    plain = path.join(dir, 'plain.ts');
    await writeFile(plain, PLAIN);
    await writeFile(path.join(dir, 'blocking.ts'), BLOCKING);
    await writeFile(path.join(dir, 'bad-runtime.ts'), BAD_RUNTIME);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a deadlock in tasks, naming what each waits on', async () => {
    const r = await simcc(['run', file, '--runs', '1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('deadlock: every task is blocked forever');
    expect(r.stdout).toContain("task 'main' is blocked in join of task 'worker'");
    expect(r.stdout).toContain("task 'worker' is blocked in cancelled() of token 'stop'");
    expect(r.stdout).not.toMatch(/goroutine/i);
  });

  it('explore words it the same way, in JSON too', async () => {
    const r = await simcc(['explore', file, '--json']);
    expect(r.code).toBe(1);
    const doc = json(r.stdout);
    expect(doc.findings.map((f: { kind: string }) => f.kind)).toEqual(['deadlock']);
    expect(doc.findings[0].message).toBe('every task is blocked forever');
  });

  it('a plain async function exported from a file that imports simcc/tokio is #[tokio::main]\'s body', async () => {
    const r = await simcc(['run', plain, '--runs', '5', '--json']);
    expect(r.stderr).toBe('');
    const doc = json(r.stdout);
    expect(doc.findings.map((f: { kind: string }) => f.kind)).toEqual(['panic']);
    expect(doc.findings[0].message).toBe("task 'worker' panicked: lost");
  });

  it('blocking-in-async names the task, the worker, the call and its line, under run and explore', async () => {
    const blocking = path.join(dir, 'blocking.ts');
    const r = await simcc(['run', blocking, '--runs', '1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("blocking-in-async: task 'a' blocks worker 1 of 1 in std thread::sleep(50)");
    expect(r.stdout).toMatch(/at .*blocking\.ts:5:46/);
    const e = await simcc(['explore', blocking, '--json']);
    const doc = json(e.stdout);
    expect(doc.findings.map((f: { kind: string }) => f.kind)).toEqual(['blocking-in-async']);
  });

  it('a bad runtime option is a one-line scenario error (exit 2)', async () => {
    const r = await simcc(['run', path.join(dir, 'bad-runtime.ts')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('scenario option runtime: current_thread has one worker; workers is only for multi_thread');
  });

  // Under run, scenarios/tokio is checked with every other example by test/e2e/scenarios.test.ts (one
  // `simcc check scenarios` for all, each result against its file's expect).
  it('scenarios/tokio pass check under explore', async () => {
    const explore = await simcc(['check', 'scenarios/tokio', '--explore', '--fail-on-incomplete', '--json']);
    const r = json(explore.stdout);
    expect(r.results.length).toBeGreaterThanOrEqual(12);
    expect(r.results.filter((x: { passed?: boolean }) => x.passed === false)).toEqual([]);
    expect(explore.code).toBe(0);
  });
});
