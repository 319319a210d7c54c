/**
 * `simcc explore` and `simcc merge` as users run them: the JSON contract, exit statuses, the printed
 * schedule replaying the finding, --workers giving the same result as one worker, shards merging to
 * the single run's verdict, budgets, the preemption bound, and one-line usage errors.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, json, oneLine, simcc } from './cli.js';

const SECTIONS = 'test/fixtures/explore/sections.ts';
const LOST = 'test/fixtures/explore/lost-update.ts';
const LOST_FIXED = 'test/fixtures/explore/lost-update-fixed.ts';
/** Findings in many tasks. */
const LOST_MUTEX = 'test/fixtures/explore/lost-update-mutex.ts';
const COUNTER = 'test/fixtures/counter.ts';

/** What must not differ between two runs of one exploration. */
const essence = (doc: any) => ({
  verdict: doc.verdict,
  executions: doc.executions,
  complete: doc.complete,
  findings: doc.findings.map((f: any) => ({ kind: f.kind, locations: f.locations, schedule: f.schedule, execution: f.execution })),
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'simcc-explore-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('simcc explore', { timeout: E2E_TIMEOUT }, () => {
  it('explores a clean scenario completely and prints the contract JSON', async () => {
    const r = await simcc(['explore', SECTIONS, '--json']);
    expect(r.code).toBe(0);
    const doc = json(r.stdout);
    expect(Object.keys(doc).slice(0, 7)).toEqual(['file', 'scenario', 'verdict', 'strategy', 'executions', 'complete', 'findings']);
    expect(doc).toMatchObject({ file: SECTIONS, verdict: 'pass', strategy: 'dpor', executions: 24, complete: true, findings: [] });
    expect(doc.probes).toEqual({ executions: 200, pct: 67, random: 67, bounded: 66, planned: 200 });
    const human = await simcc(['explore', SECTIONS]);
    expect(human.code).toBe(0);
    expect(human.stdout.trim()).toBe('explored 24 executions (dpor) after 200 probes (67 PCT, 67 random, 66 preemption-bounded): complete, every interleaving covered up to equivalence');
    const proofOnly = await simcc(['explore', SECTIONS, '--no-probes']);
    expect(proofOnly.stdout.trim()).toBe('explored 24 executions (dpor): complete, every interleaving covered up to equivalence');
  });

  it('finds a bug random testing may miss, and the printed schedule replays it', async () => {
    const r = await simcc(['explore', LOST, '--json']);
    expect(r.code).toBe(1);
    const doc = json(r.stdout);
    expect(doc).toMatchObject({ verdict: 'fail', complete: false, stoppedBy: 'finding' });
    const f = doc.findings[0];
    expect(f.kind).toBe('assertion');
    expect(f.locations[0]).toMatch(/^test\/fixtures\/explore\/lost-update\.ts:\d+:\d+$/);
    const replay = await simcc(['replay', LOST, '--schedule', f.schedule, '--json']);
    expect(replay.code).toBe(1);
    expect(json(replay.stdout).findings[0]).toMatchObject({ kind: 'assertion', locations: f.locations });

    const human = await simcc(['explore', LOST, '--no-probes']);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('assertion: assertion failed: an update was lost');
    expect(human.stdout).toMatch(/explored \d+ executions? \(dpor\): incomplete: stopped at the first finding/);
    const proof = json((await simcc(['explore', LOST, '--no-probes', '--json'])).stdout);
    expect(proof.findings[0]).toMatchObject({ kind: 'assertion', phase: 'dpor' });
    expect(human.stdout).toContain(`node bin/simcc.js replay ${LOST} --schedule '${proof.findings[0].schedule}'`);
  });

  it('the fixed version is clean and complete', async () => {
    const r = await simcc(['explore', LOST_FIXED, '--json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout)).toMatchObject({ verdict: 'pass', complete: true, executions: 6 });
  });

  it('--all explores on and lists each distinct finding once', async () => {
    const r = await simcc(['explore', LOST, '--all', '--json']);
    expect(r.code).toBe(1);
    const doc = json(r.stdout);
    expect(doc.complete).toBe(true);
    const places = doc.findings.map((f: any) => `${f.kind} ${f.locations[0]}`);
    expect(new Set(places).size).toBe(places.length);
    expect(doc.findings.map((f: any) => f.kind)).toEqual(['assertion']);
  });

  it('--workers 2 and 3 give the same result as one worker', async () => {
    const proof = ['--no-probes'];
    for (const args of [[SECTIONS], [LOST], [LOST, '--all', ...proof], [COUNTER, '--all', ...proof], [SECTIONS, '--max-executions', '7', ...proof], [SECTIONS, '--shard', '2/3', ...proof], [LOST_MUTEX, ...proof], [LOST_MUTEX, '--all', '--max-executions', '300', ...proof]]) {
      const one = await simcc(['explore', ...args, '--json', '--workers', '1']);
      const doc = json(one.stdout);
      for (const workers of ['2', '3']) {
        const many = await simcc(['explore', ...args, '--json', '--workers', workers]);
        expect(many.code).toBe(one.code);
        expect(essence(json(many.stdout))).toEqual(essence(doc));
        expect(json(many.stdout).tasks).toEqual(doc.tasks);
      }
    }
  }, 240_000);

  it('shards merge to the single run’s verdict', async () => {
    for (const [file, extra] of [
      [SECTIONS, []],
      [LOST, ['--all']],
    ] as const) {
      const single = json((await simcc(['explore', file, '--json', ...extra])).stdout);
      const parts: string[] = [];
      for (let i = 1; i <= 3; i++) {
        const r = await simcc(['explore', file, '--json', '--shard', `${i}/3`, ...extra]);
        const p = path.join(dir, `${path.basename(file)}-${i}.json`);
        await writeFile(p, r.stdout);
        parts.push(p);
      }
      const merged = await simcc(['merge', ...parts, '--json']);
      const doc = json(merged.stdout);
      expect(merged.code).toBe(single.verdict === 'pass' ? 0 : 1);
      expect(doc).toMatchObject({ verdict: single.verdict, complete: single.complete, executions: single.executions });
      expect(doc.findings.map((f: any) => `${f.kind} ${f.locations[0]}`).sort()).toEqual(single.findings.map((f: any) => `${f.kind} ${f.locations[0]}`).sort());
      const partial = await simcc(['merge', parts[0]!, parts[2]!]);
      expect(partial.stdout).toContain('incomplete: shard 2/3 missing');
    }
  });

  it('--max-executions stops early and says what was covered', async () => {
    const r = await simcc(['explore', SECTIONS, '--max-executions', '5', '--json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout)).toMatchObject({ executions: 5, complete: false, stoppedBy: 'max-executions' });
    const human = await simcc(['explore', SECTIONS, '--max-executions', '5']);
    expect(human.stdout).toMatch(/^explored 5 executions \(dpor\): incomplete: --max-executions 5 reached \(longest execution \d+ steps, \d+ of \d+ tasks\)$/m);
  });

  it('many infeasible wakeup-tree branches: 10,000 executions of chan-semaphore.ts, past where the explorer used to stall', async () => {
    // A branch that cannot run puts back the sequences it covered; those whose first step cannot run either
    // each became a branch, covered the rest and was dropped in turn: O(n²) insertions (n was 2,880), the
    // heap filled and the exploration got no further, whatever the budget — at execution 5,761 while every
    // level of the tree kept a copy of each sequence, at 8,641 after that (DporExplorer.restore, WNode.ran).
    const r = await simcc(['explore', 'scenarios/ch14-channel-patterns/chan-semaphore.ts', '--max-executions', '10000', '--no-probes', '--json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout)).toMatchObject({ verdict: 'pass', executions: 10000, complete: false, stoppedBy: 'max-executions', maxDepth: 45 });
  });

  it('--preemption-bound reports the bound and what it cut', async () => {
    const r = await simcc(['explore', SECTIONS, '--preemption-bound', '1', '--json']);
    expect(r.code).toBe(0);
    const doc = json(r.stdout);
    expect(doc).toMatchObject({ strategy: 'dpor', complete: false, bound: { preemptions: 1, cut: true } });
    const human = await simcc(['explore', SECTIONS, '--preemption-bound', '1']);
    expect(human.stdout).toContain('(dpor, preemption bound 1)');
    expect(human.stdout).toContain('complete up to 1 preemption, every interleaving with at most 1 covered up to equivalence; the bound left executions out');
  });

  it('bad flags and bad reports are one-line usage errors', async () => {
    for (const args of [
      ['explore', SECTIONS, '--shard', '4/3'],
      ['explore', SECTIONS, '--workers', '0'],
      ['explore', SECTIONS, '--max-time', '-1'],
      ['explore', SECTIONS, '--max-executions', 'x'],
      ['merge', SECTIONS],
    ]) {
      const r = await simcc(args);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toMatch(/^error: /);
    }
  });
});
