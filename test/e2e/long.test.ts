/**
 * `simcc run` on long executions (issue 9's fault injection, test/fixtures/long/): the finding is reported
 * with its kind, never a scenario error from the watchdog, and the human report stays bounded. No timing
 * is asserted (bench/long.js measures it); the timeout is generous for a loaded machine.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, json, simcc } from './cli.js';

const YIELDS = 'test/fixtures/long/yields-then-race.ts';
const MILLION = 'test/fixtures/long/million-steps-race.ts';
const STEP_LIMIT = 'test/fixtures/long/step-limit.ts';
const LONG_TIMEOUT = 300_000;

/** The one finding of a failing `run --json`, checked to be of `kind` and without a scenario error. */
function onlyFinding(r: { code: number | null; stdout: string; stderr: string }, kind: string) {
  const doc = json(r.stdout);
  expect(doc.error).toBeUndefined();
  expect(r.stderr).toBe('');
  expect(doc.verdict).toBe('fail');
  expect(r.code).toBe(1);
  expect(doc.findings.map((f: { kind: string }) => f.kind)).toEqual([kind]);
  return doc.findings[0];
}

describe('long executions under simcc run', { timeout: LONG_TIMEOUT }, () => {
  it('20,000 yields each, then a race: the race, shrunk to no preemption, and its schedule replays', async () => {
    const f = onlyFinding(await simcc(['run', YIELDS, '--json']), 'data-race');
    expect(f.locations[0]).toMatch(/^test\/fixtures\/long\/yields-then-race\.ts:14:\d+$/);
    expect(f.shrunk.to.preemptions).toBe(0);
    expect(f.shrunk.from.steps).toBeGreaterThan(40_000); // 2 × 20,000 yields, the starts and the writes
    const again = onlyFinding(await simcc(['replay', YIELDS, '--schedule', f.schedule, '--json']), 'data-race');
    expect(again.locations).toEqual(f.locations);
  });

  it('20,000 yields each, then a race, with --no-shrink: the race as found', async () => {
    const f = onlyFinding(await simcc(['run', YIELDS, '--json', '--no-shrink']), 'data-race');
    expect(f.shrunk).toBeUndefined();
    expect(f.accesses.map((a: { at: string }) => a.at)).toEqual([expect.stringMatching(/yields-then-race\.ts:14:\d+$/), expect.stringMatching(/yields-then-race\.ts:14:\d+$/)]);
  });

  it('a race after a million steps: found, located, and a bounded human report', async () => {
    const f = onlyFinding(await simcc(['run', MILLION, '--json']), 'data-race');
    expect(f.step).toBe(1_000_005);
    expect(f.accesses.map((a: { at: string }) => a.at)).toEqual([
      expect.stringMatching(/million-steps-race\.ts:14:\d+$/),
      expect.stringMatching(/million-steps-race\.ts:17:\d+$/),
    ]);
    const human = await simcc(['run', MILLION]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('timeline (1000005 steps):');
    expect(human.stdout).toContain('999,005 earlier steps not shown');
    expect(human.stdout).toMatch(/… {2}998 more like this/);
    expect(human.stdout.split('\n').length).toBeLessThan(60);
  });

  it('100,000 steps of livelock: a step-limit finding, not shrunk, its long schedule written to a file the reproduce line names', async () => {
    const f = onlyFinding(await simcc(['run', STEP_LIMIT, '--json']), 'step-limit');
    expect(f.shrunk).toBeUndefined();
    expect(f.threads.map((t: { at?: string }) => t.at)).toEqual([expect.stringMatching(/step-limit\.ts:9:\d+$/), expect.stringMatching(/step-limit\.ts:7:\d+$/)]);
    const human = await simcc(['run', STEP_LIMIT]);
    expect(human.code).toBe(1);
    // A schedule too long for a command line is written to a file the reproduce line names (issue 12, item 7).
    const line = /^ {2}node bin\/simcc\.js replay (\S+) --schedule-file (\.simcc\/schedule-[0-9a-f]{16}\.txt)$/m.exec(human.stdout);
    expect(line?.[1]).toBe(STEP_LIMIT);
    expect(readFileSync(path.join(ROOT, line![2]!), 'utf8').trim()).toBe(f.schedule);
    expect(human.stdout.split('\n').length).toBeLessThan(60);
  });
});

describe('many live goroutines at the step limit', { timeout: LONG_TIMEOUT }, () => {
  const MANY = 'test/fixtures/long/many-goroutines-step-limit.ts';
  const located = (f: { threads: { name: string; waitingOn?: string; at?: string; startedAt?: string }[]; details?: string[] }) => {
    // Shrunk, located, and not cut short by running out of memory (the note a stopped worker leaves).
    expect(f.details ?? []).toEqual([]);
    expect(f.threads[0]!.name).toBe('main');
    // Every goroutine that has begun waits somewhere (one not started yet waits for its start, nowhere).
    for (const t of f.threads) if (t.waitingOn !== 'start') expect(t.at).toMatch(/many-goroutines-step-limit\.ts:\d+:\d+$/);
    expect(f.threads.filter((t) => t.waitingOn !== 'start').length).toBeGreaterThan(1_000);
    for (const t of f.threads.slice(1)) expect(t.startedAt).toMatch(/many-goroutines-step-limit\.ts:12:\d+$/);
  };
  it('run: the step-limit, with where the goroutines it names wait and were started', async () => {
    located(onlyFinding(await simcc(['run', MANY, '--json']), 'step-limit'));
    // The human report lists the first goroutines and counts the rest.
    const human = await simcc(['run', MANY]);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/^ {2}… [\d,]+ more goroutines \([\d,]+ runnable(, [\d,]+ \w+)*\): --json lists them all$/m);
    expect(human.stdout.split('\n').length).toBeLessThan(120);
  });
  it('explore: the same, located as run locates it', async () => {
    located(onlyFinding(await simcc(['explore', MANY, '--json']), 'step-limit'));
  });
});

describe('a finding survives the work done on it', { timeout: LONG_TIMEOUT }, () => {
  it('an interleaving tried while shrinking spins: the finding is reported as found, not as a scenario error', async () => {
    // A sync timeout the import of the scenario never reaches, even on a loaded machine.
    const r = await simcc(['run', 'test/fixtures/long/spins-when-shrunk.ts', '--json', '--sync-timeout', '3000']);
    const f = onlyFinding(r, 'assertion');
    expect(f.message).toBe('assertion failed: the setter stored first');
    expect(f.details.at(-1)).toMatch(/^simcc stopped before it could shrink and locate this finding \(a replayed interleaving ran JavaScript for more than 3000 ms/);
    // Its seed reruns it, and its schedule replays it.
    const again = onlyFinding(await simcc(['replay', 'test/fixtures/long/spins-when-shrunk.ts', '--schedule', f.schedule, '--json']), 'assertion');
    expect(again.message).toBe(f.message);
  });
});
