/**
 * The Rust flavour's entry point, 'simcc/rust': a scenario anywhere on disk imports it, and the reports of
 * its scenarios say "thread" where Go's say "goroutine" (runtime/flavour.ts), with the same finding kinds.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, json, simcc } from './cli.js';

// Two threads each wait to receive from a channel nobody sends on. The Rust flavour's own channels come
// later; a Go Channel from 'simcc' is enough to block (the flavour belongs to the scenario, not to a primitive).
const DEADLOCK = `import { Channel, spawn } from 'simcc';
import { scenario } from 'simcc/rust';

export default scenario('rust deadlock', async () => {
  const ch = new Channel<number>(0, 'ch');
  const h = spawn(async () => {
    await ch.recv();
  }, 'worker');
  await ch.recv();
  await h.join();
});
`;

// A plain async function as the default export: a file that imports 'simcc/rust' is a Rust scenario all
// the same (compile.ts notes the entry point), so main's Sender is dropped when main returns, as Rust's
// destructors run: the worker's recv then ends with Err, and nothing leaks.
const PLAIN = `import { thread, mpsc } from 'simcc/rust';

export default async function () {
  const [tx, rx] = mpsc.channel<number>({ name: 'jobs' });
  thread.spawn(async () => {
    while ((await rx.recv()).isOk()) {}
  }, { name: 'worker', move: [rx] });
  (await tx.send(1)).unwrap();
}
`;

describe('the Rust flavour (simcc/rust)', { timeout: E2E_TIMEOUT }, () => {
  let dir = '';
  let file = '';
  let plain = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'simcc-rust-'));
    file = path.join(dir, 'deadlock.ts');
    await writeFile(file, DEADLOCK);
    plain = path.join(dir, 'plain.ts');
    await writeFile(plain, PLAIN);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a deadlock in threads, not goroutines', async () => {
    const r = await simcc(['run', file, '--runs', '1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('deadlock: every thread is blocked forever');
    expect(r.stdout).toContain("thread 'main' is blocked in receive from channel");
    expect(r.stdout).toMatch(/^ {2}thread worker \[blocked\]: receive from channel/m);
    expect(r.stdout).toMatch(/^ {2}step {2}thread {2}what/m);
    expect(r.stdout).not.toMatch(/goroutine/i);
  });

  it('keeps the finding kind and the JSON document of Go', async () => {
    const r = await simcc(['run', file, '--runs', '1', '--json']);
    expect(r.code).toBe(1);
    const doc = json(r.stdout);
    expect(Object.keys(doc)).toEqual(['file', 'scenario', 'verdict', 'strategy', 'executions', 'complete', 'findings']);
    expect(doc.findings.map((f: { kind: string }) => f.kind)).toEqual(['deadlock']);
    expect(doc.findings[0].message).toBe('every thread is blocked forever');
  });

  it('explore words its report the same way', async () => {
    const r = await simcc(['explore', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('deadlock: every thread is blocked forever');
    expect(r.stdout).not.toMatch(/goroutine/i);
  });

  it('a plain async function exported from a file that imports simcc/rust runs as a Rust main', async () => {
    const r = await simcc(['explore', plain, '--json']);
    expect(r.stderr).toBe('');
    const doc = json(r.stdout);
    expect([doc.verdict, doc.complete, doc.findings]).toEqual(['pass', true, []]);
    // The same body as a Go scenario would keep main's Sender alive: the worker leaks.
    const go = path.join(dir, 'plain-go.ts');
    await writeFile(go, PLAIN.replace("export default async function () {", "import { scenario as goScenario } from 'simcc';\nexport default goScenario('go main', async () => {").replace(/\}\n$/, '});\n'));
    const leaked = json((await simcc(['run', go, '--runs', '20', '--json'])).stdout);
    expect(leaked.findings.map((f: { kind: string }) => f.kind)).toEqual(['leak']);
    expect(leaked.findings[0].message).toContain("goroutine 'worker' leaked");
  });
});
