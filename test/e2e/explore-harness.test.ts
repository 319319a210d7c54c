/**
 * `simcc explore`'s harness as users meet it: the sync-loop watchdog measures the scenario's own code
 * only (loops that await a simulated operation every turn are not reported, a real synchronous loop is,
 * by goroutine and line); budgets are kept and always end in a report that says what was covered; the
 * exit status of an incomplete exploration (--fail-on-incomplete); --workers above the cores; and the
 * bug-hunting probes before the proof, whose findings reproduce with the printed commands.
 *
 * No timing assertions: the budgets are asserted through the reports they produce (complete: false,
 * stoppedBy), with generous test timeouts.
 */
import { describe, expect, it } from 'vitest';
import { json, oneLine, simcc } from './cli.js';

const DIR = 'test/fixtures/explore-harness';
const POLL = `${DIR}/poll-select-default.ts`;
const RETRY = `${DIR}/retry-after.ts`;
const LONG = `${DIR}/long-executions.ts`;
const ONE_LONG = `${DIR}/one-long-execution.ts`;
const ENDLESS = `${DIR}/endless-loop.ts`;
const YIELD_RACE = `${DIR}/yield-then-race.ts`;
const SPIN = 'test/fixtures/spin.ts';
const SECTIONS = 'test/fixtures/explore/sections.ts';
const LOST = 'test/fixtures/explore/lost-update.ts';

const TIMEOUT = 180_000;

describe('the watchdog measures the scenario’s own code', { timeout: TIMEOUT }, () => {
  it('a polling loop around select with default, and a retry loop with a tiny after(), are no synchronous loops', async () => {
    for (const file of [POLL, RETRY]) {
      const r = await simcc(['explore', file, '--json', '--max-time', '15']);
      const doc = json(r.stdout);
      expect({ file, code: r.code === 2, error: doc.error }).toEqual({ file, code: false, error: undefined });
      expect(r.stderr).not.toMatch(/synchronous loop|made no progress|did not finish/);
    }
    // Free time mode lets a timer fire however long the setter has been ready, so every number of
    // retries before it runs is a trace of its own; with timers that fire only when all wait, the
    // exploration ends. The polling loop yields after each empty poll, so it ends in free mode too.
    const retry = json((await simcc(['explore', RETRY, '--json', '--time', 'synctest'])).stdout);
    expect(retry).toMatchObject({ verdict: 'pass', complete: true });
    const poll = json((await simcc(['explore', POLL, '--json'])).stdout);
    expect(poll).toMatchObject({ verdict: 'pass', complete: true });
  });

  it('long executions ending in a finding: simcc’s long work after them is no synchronous loop of the scenario', async () => {
    const r = await simcc(['explore', YIELD_RACE, '--json', '--max-time', '30']);
    const doc = json(r.stdout);
    expect(doc.error).toBeUndefined();
    expect(r.code).toBe(1);
    expect(doc.findings[0].kind).toBe('data-race');
  });

  it('a real synchronous loop is reported by goroutine and line, under run and explore', async () => {
    for (const args of [['run', SPIN], ['explore', SPIN], ['explore', SPIN, '--no-probes'], ['explore', SPIN, '--workers', '2']]) {
      const r = await simcc(args);
      expect(r.code).toBe(2);
      const line = oneLine(r.stderr.split('\n').filter((l) => !l.startsWith('note: ')).join('\n'));
      expect(line).toMatch(/^error: goroutine 'spinner' ran a synchronous loop for more than 2000 ms without awaiting a simulated operation \(after test\/fixtures\/spin\.ts:\d+:\d+\)$/);
    }
  });
});

describe('budgets are kept and end in a report', { timeout: TIMEOUT }, () => {
  it('long and numerous executions: stopped by --max-time, the report says what was covered (exit 0), one line on stderr', async () => {
    const r = await simcc(['explore', LONG, '--json', '--max-time', '3']);
    expect(r.code).toBe(0);
    const doc = json(r.stdout);
    expect(doc).toMatchObject({ verdict: 'pass', complete: false, stoppedBy: 'max-time', findings: [] });
    expect(typeof doc.executions).toBe('number');
    expect(doc.tasks.explored).toBeLessThanOrEqual(doc.tasks.total);
    expect(oneLine(r.stderr)).toMatch(new RegExp(`^${LONG}: nothing found, but the exploration is incomplete: --max-time 3 s reached after \\d+ executions?`));

    const human = await simcc(['explore', LONG, '--max-time', '3']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^explored \d+ executions? \(dpor\).*: incomplete: --max-time 3 s reached/m);
    const strict = await simcc(['explore', LONG, '--max-time', '3', '--fail-on-incomplete', '--json']);
    expect(strict.code).toBe(1);
    expect(json(strict.stdout)).toMatchObject({ verdict: 'pass', complete: false, stoppedBy: 'max-time' });
  });

  it('one execution longer than the budget is cut in flight, and the report still arrives', async () => {
    const r = await simcc(['explore', ONE_LONG, '--json', '--max-time', '3']);
    expect(r.code).toBe(0);
    expect(json(r.stdout)).toMatchObject({ verdict: 'pass', complete: false, stoppedBy: 'max-time' });
  });

  it('findings keep coming under --all until the budget ends; they are reported, incomplete', async () => {
    const r = await simcc(['explore', ENDLESS, '--json', '--all', '--max-time', '5', '--step-limit', '5000']);
    expect(r.code).toBe(1);
    const doc = json(r.stdout);
    expect(doc).toMatchObject({ verdict: 'fail', complete: false, stoppedBy: 'max-time' });
    expect(doc.findings.map((f: any) => f.kind)).toContain('step-limit');
  });

  it('--max-executions is kept and reported the same way; --fail-on-incomplete makes it exit 1', async () => {
    const r = await simcc(['explore', SECTIONS, '--max-executions', '10', '--json']);
    expect(r.code).toBe(0);
    const doc = json(r.stdout);
    // The probes take a tenth of the budget of executions, the proof the rest.
    expect(doc).toMatchObject({ complete: false, stoppedBy: 'max-executions', executions: 9, probes: { executions: 1, planned: 1 } });
    expect(oneLine(r.stderr)).toContain('incomplete: --max-executions 10 reached after 9 executions and 1 probe');
    expect((await simcc(['explore', SECTIONS, '--max-executions', '10', '--fail-on-incomplete'])).code).toBe(1);
    // Complete: --fail-on-incomplete changes nothing.
    const full = await simcc(['explore', SECTIONS, '--fail-on-incomplete', '--json']);
    expect(full.code).toBe(0);
    expect(full.stderr).toBe('');
  });
});

describe('--workers', { timeout: TIMEOUT }, () => {
  it('more workers than cores: the same JSON as one worker, at most a one-line note, no warnings', async () => {
    for (const file of [SECTIONS, LOST]) {
      const one = await simcc(['explore', file, '--json', '--workers', '1']);
      const many = await simcc(['explore', file, '--json', '--workers', '8']);
      expect(many.code).toBe(one.code);
      expect(json(many.stdout)).toEqual(json(one.stdout));
      const lines = many.stderr.split('\n').filter((l) => l !== '');
      expect(lines.length).toBeLessThanOrEqual(1);
      for (const l of lines) expect(l).toMatch(/^note: --workers 8 is more than the \d+ cores of this machine: exploring with \d+$/);
    }
  });
});

describe('bug-hunting probes before the proof', { timeout: TIMEOUT }, () => {
  it('a probe’s finding says its phase, and its printed commands reproduce it', async () => {
    const r = await simcc(['explore', LOST, '--json']);
    expect(r.code).toBe(1);
    const doc = json(r.stdout);
    const f = doc.findings[0];
    expect(['pct', 'random']).toContain(f.phase);
    expect(f.probe).toBeGreaterThan(0);
    expect(doc).toMatchObject({ complete: false, stoppedBy: 'finding', executions: 0 });
    const flags = f.pct ? ['--strategy', 'pct', '--depth', String(f.pct.depth), '--pct-steps', String(f.pct.steps)] : [];
    const rerun = await simcc(['run', LOST, '--seed', String(f.seed), ...flags, '--json']);
    expect(rerun.code).toBe(1);
    expect(json(rerun.stdout).findings[0]).toMatchObject({ kind: f.kind, locations: f.locations });
    const replay = await simcc(['replay', LOST, '--schedule', f.schedule, '--json']);
    expect(json(replay.stdout).findings[0]).toMatchObject({ kind: f.kind, locations: f.locations });

    const human = await simcc(['explore', LOST]);
    expect(human.stdout).toMatch(new RegExp(`^found by (PCT|random) probe ${f.probe} \\(seed ${f.seed}\\), before the DPOR proof$`, 'm'));
    expect(human.stdout).toMatch(/^stopped at (PCT|random) probe \d+ of 200, before the DPOR proof: incomplete: stopped at the first finding/m);
  });

  it('a clean scenario still gets the whole proof; --no-probes leaves the probes out', async () => {
    const doc = json((await simcc(['explore', SECTIONS, '--json'])).stdout);
    expect(doc).toMatchObject({ verdict: 'pass', complete: true, executions: 24, probes: { executions: 200, pct: 67, random: 67, bounded: 66 } });
    const none = json((await simcc(['explore', SECTIONS, '--json', '--no-probes'])).stdout);
    expect(none).toMatchObject({ verdict: 'pass', complete: true, executions: 24 });
    expect(none.probes).toBeUndefined();
  });

  it('--all: the probes’ findings first, then the proof’s at other places; the proof decides complete', async () => {
    const doc = json((await simcc(['explore', LOST, '--json', '--all'])).stdout);
    expect(doc).toMatchObject({ verdict: 'fail', complete: true });
    expect(doc.findings.map((f: any) => f.kind)).toEqual(['assertion']);
    expect(doc.probes.executions).toBe(200);
  });
});
