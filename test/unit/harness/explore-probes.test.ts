/**
 * The bug-hunting phase of `explore` (harness/explore-probes.ts): its size (at most the planned number,
 * a tenth of --max-executions), PCT, random and preemption-bounded probes in turn (PCT and random with the
 * seeds `run --seed` takes), its findings tagged with their phase and reproducible by rerunning that seed
 * or replaying their schedule; determinism; and how its
 * result joins the proof's (probes first; a probe's finding without --all ends the exploration).
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../../../src/api/scenario.js';
import { assert, spawn } from '../../../src/api/goroutines.js';
import { AtomicInt } from '../../../src/primitives/go/atomic.js';
import { exploreScenario, findingRecorder, joinProbes, mergeTasks, type ExploreOptions } from '../../../src/harness/explore.js';
import { plannedProbes, runProbes } from '../../../src/harness/explore-probes.js';
import { runScenario } from '../../../src/harness/runs.js';
import { sections } from '../scheduler/families.js';

const RUN = { strategy: 'dpor', runs: 1, firstSeed: 1, stepLimit: 5000, leakStepBound: 500 } as const;
const NO_DEADLINE = { stopAt: Infinity, finishBy: Infinity };
const options = (extra: Partial<ExploreOptions> = {}): ExploreOptions => ({ run: RUN, dpor: true, all: false, maxTimeMs: 120_000, probes: { executions: 40 }, ...extra });

/** Three atomic read-then-write increments: an update gets lost in some orders. */
const lostUpdate = scenario('lost update', async () => {
  const x = new AtomicInt(0);
  const hs = [0, 1, 2].map((i) =>
    spawn(async () => {
      const v = await x.load();
      await x.store(v + 1);
    }, `worker-${i}`),
  );
  for (const h of hs) await h.join();
  assert((await x.load()) === 3, 'an update was lost');
});

const probe = (opts: ExploreOptions) => runProbes(lostUpdate, opts, { until: Infinity, deadlines: NO_DEADLINE, record: findingRecorder(lostUpdate, opts, NO_DEADLINE) });

describe('plannedProbes', () => {
  it('the planned number, at most a tenth of --max-executions, none when off', () => {
    expect(plannedProbes(options())).toBe(40);
    expect(plannedProbes(options({ maxExecutions: 100 }))).toBe(10);
    expect(plannedProbes(options({ maxExecutions: 5 }))).toBe(0);
    expect(plannedProbes({ maxExecutions: 100 })).toBe(0);
  });
});

describe('runProbes', () => {
  it('finds the lost update, tags it with its phase and probe, and stops there', async () => {
    const r = await probe(options());
    expect(r.stopped).toBe('finding');
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(['pct', 'random']).toContain(f.phase);
    expect(f.probe).toBe(r.executions);
    expect(r.pct + r.random + r.bounded!).toBe(r.executions);
    expect(f.finding.seed).toBeGreaterThan(0);
    expect(f.finding.locations[0]).toMatch(/explore-probes\.test\.ts:\d+:\d+$/);
  });

  it('is deterministic: the same probes find the same finding at the same probe', async () => {
    const a = await probe(options());
    const b = await probe(options());
    expect(b.findings.map((f) => [f.probe, f.phase, f.finding.schedule])).toEqual(a.findings.map((f) => [f.probe, f.phase, f.finding.schedule]));
  });

  it('the seed (and PCT parameters) on the finding rerun the execution as found, as `run --seed` does', async () => {
    const r = await probe(options());
    const f = r.findings[0]!.finding;
    const again = await runScenario(lostUpdate, {
      ...RUN,
      strategy: f.pct ? 'pct' : 'random',
      runs: 1,
      firstSeed: f.seed!,
      ...(f.pct && { depth: f.pct.depth, pctSteps: f.pct.steps }),
    });
    expect(again.findings.map((x) => [x.kind, x.locations[0]])).toEqual([[f.kind, f.locations[0]]]);
  });

  it('takes turns (PCT, random, preemption-bounded), and runs all of them on a clean scenario', async () => {
    const s = sections(3);
    const opts = options({ probes: { executions: 9 } });
    const r = await runProbes(s, opts, { until: Infinity, deadlines: NO_DEADLINE, record: findingRecorder(s, opts, NO_DEADLINE) });
    expect(r).toMatchObject({ executions: 9, pct: 3, random: 3, bounded: 3, findings: [] });
    expect(r.stopped).toBeUndefined();
  });

  it('once every bound is complete, the bounded turns go to PCT and random', async () => {
    // 2 stores: 3, 4 and 5 bounded executions for K = 0, 1, 2 (all complete within 12 turns).
    const s = scenario('two stores', async () => {
      const x = new AtomicInt(0);
      const hs = [1, 2].map((v) => spawn(() => x.store(v)));
      for (const h of hs) await h.join();
    });
    const opts = options({ probes: { executions: 90 } });
    const r = await runProbes(s, opts, { until: Infinity, deadlines: NO_DEADLINE, record: findingRecorder(s, opts, NO_DEADLINE) });
    expect(r.executions).toBe(90);
    expect(r.bounded).toBeLessThan(30);
    expect(r.pct + r.random + r.bounded!).toBe(90);
  });

  it('a bug only an unpreempted schedule shows: found by the bounded probe with K = 0, and its schedule replays it', async () => {
    // B sees 40 only when A ran all its adds before B's load: the schedule without preemptions.
    const s = scenario('A before B', async () => {
      const n = new AtomicInt(0);
      const a = spawn(async () => {
        for (let i = 0; i < 40; i++) await n.add(1);
      }, 'A');
      const b = spawn(async () => assert((await n.load()) !== 40, 'B saw A finish before it started'), 'B');
      await a.join();
      await b.join();
    });
    const opts = options();
    const r = await runProbes(s, opts, { until: Infinity, deadlines: NO_DEADLINE, record: findingRecorder(s, opts, NO_DEADLINE) });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f).toMatchObject({ phase: 'preemption-bound-0', probe: 3 });
    const again = await runScenario(s, { ...RUN, strategy: 'replay', schedule: f.finding.schedule });
    expect(again.findings.map((x) => x.kind)).toEqual(['assertion']);
  });

  it('stops at its time share', async () => {
    const opts = options();
    const r = await runProbes(lostUpdate, opts, { until: performance.now() - 1, deadlines: NO_DEADLINE, record: findingRecorder(lostUpdate, opts, NO_DEADLINE) });
    expect(r).toMatchObject({ executions: 0, stopped: 'max-time' });
  });
});

describe('probes and the proof together (exploreScenario)', () => {
  it('a clean scenario: all the probes, then the complete proof with its own count', async () => {
    const r = await exploreScenario(sections(4), options());
    expect(r).toMatchObject({ complete: true, executions: 24, probes: { executions: 40, pct: 14, random: 13, bounded: 13, planned: 40 } });
  });

  it('a probe’s finding ends the exploration before the proof, unless --all', async () => {
    const stop = await exploreScenario(lostUpdate, options());
    expect(stop).toMatchObject({ complete: false, stoppedBy: 'finding', executions: 0 });
    expect(stop.phases?.[0]?.phase).toMatch(/^(pct|random|preemption-bound-\d+)$/);
    const all = await exploreScenario(lostUpdate, options({ all: true }));
    expect(all.complete).toBe(true);
    expect(all.executions).toBeGreaterThan(0);
    expect(all.phases?.[0]?.phase).toMatch(/^(pct|random|preemption-bound-\d+)$/);
    expect(all.findings.map((f) => f.kind)).toEqual(['assertion']);
  });

  it('off by default in-process: the proof alone, counted as before', async () => {
    const r = await exploreScenario(sections(4), { run: RUN, dpor: true, all: false, maxTimeMs: 120_000 });
    expect(r.probes).toBeUndefined();
    expect(r.executions).toBe(24);
  });

  it('joinProbes puts the probes’ findings first and drops the proof’s at the same place', async () => {
    const opts = options({ all: true });
    const probes = await probe(opts);
    const place = probes.findings[0]!.place;
    const other = { ...probes.findings[0]!, place: 'elsewhere.ts:1:1', phase: 'dpor' as const, probe: undefined };
    const same = { ...probes.findings[0]!, phase: 'dpor' as const, probe: undefined };
    const proof = { ...mergeTasks([], { all: true }), findings: [same, other], foundIn: [3, 5] };
    const joined = joinProbes(probes, proof, opts);
    expect(joined.findings.map((f) => [f.place, f.phase])).toEqual([[place, probes.findings[0]!.phase], ['elsewhere.ts:1:1', 'dpor']]);
    expect(joined.foundIn).toEqual([probes.findings[0]!.execution, 5]);
    expect(joined.complete).toBe(true);
  });
});
