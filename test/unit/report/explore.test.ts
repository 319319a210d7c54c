/**
 * The explore report (src/report/explore.ts): the summary line with and without probes, the line that
 * introduces a probe's finding, and the JSON fields that say which phase found what.
 */
import { describe, expect, it } from 'vitest';
import type { ExploreReport } from '../../../src/harness/explore.js';
import { exploreDocument, phaseLine, summaryLine } from '../../../src/report/explore.js';

const finding = { kind: 'assertion' as const, message: 'boom', threads: [], locations: ['a.ts:1:1'], schedule: '0.1', step: 3, seed: 2 };

const report = (extra: Partial<ExploreReport> = {}): ExploreReport => ({
  scenario: 's',
  strategy: 'dpor',
  executions: 24,
  complete: true,
  findings: [],
  steps: 100,
  pruned: 0,
  maxDepth: 9,
  tasks: { total: 4, explored: 4 },
  foundIn: [],
  traces: [],
  phases: [],
  ...extra,
});

describe('summaryLine', () => {
  it('a complete proof, with and without probes before it', () => {
    expect(summaryLine(report(), { file: 'f.ts' })).toBe('explored 24 executions (dpor): complete, every interleaving covered up to equivalence');
    expect(summaryLine(report({ probes: { executions: 200, pct: 100, random: 100, planned: 200 } }), { file: 'f.ts' })).toBe(
      'explored 24 executions (dpor) after 200 probes (100 PCT, 100 random): complete, every interleaving covered up to equivalence',
    );
  });

  it('a probe’s finding that stopped the exploration before the proof', () => {
    const r = report({
      executions: 0,
      complete: false,
      stoppedBy: 'finding',
      findings: [finding],
      foundIn: [3],
      phases: [{ phase: 'pct', probe: 3 }],
      tasks: { total: 0, explored: 0 },
      probes: { executions: 3, pct: 2, random: 1, planned: 200 },
    });
    expect(summaryLine(r, { file: 'f.ts' })).toBe('stopped at PCT probe 3 of 200, before the DPOR proof: incomplete: stopped at the first finding, --all explores on, 1 finding');
    expect(phaseLine(r, 0)).toBe('found by PCT probe 3 (seed 2), before the DPOR proof');
  });

  it('a time budget: incomplete, and what was covered', () => {
    const r = report({ complete: false, stoppedBy: 'max-time', tasks: { total: 4, explored: 1 } });
    expect(summaryLine(r, { file: 'f.ts', maxTimeS: 15 })).toBe('explored 24 executions (dpor): incomplete: --max-time 15 s reached (longest execution 9 steps, 1 of 4 tasks)');
  });
});

describe('exploreDocument', () => {
  it('each finding says its phase (and probe), and the probes are reported', () => {
    const r = report({ findings: [finding, { ...finding, locations: ['b.ts:2:2'] }], foundIn: [3, 7], phases: [{ phase: 'random', probe: 3 }, { phase: 'dpor' }], probes: { executions: 200, pct: 100, random: 100, planned: 200 } });
    const doc = exploreDocument('f.ts', r) as { findings: Record<string, unknown>[]; probes: unknown };
    expect(doc.findings.map((f) => [f['execution'], f['phase'], f['probe']])).toEqual([
      [3, 'random', 3],
      [7, 'dpor', undefined],
    ]);
    expect(doc.probes).toEqual({ executions: 200, pct: 100, random: 100, planned: 200 });
  });
});

describe('preemption-bounded probes in the report', () => {
  it('names the phase with its bound, and counts its probes', () => {
    const finding = { kind: 'assertion' as const, message: 'm', threads: [], locations: ['a.ts:1:1'], schedule: '1x4', step: 4 };
    const r = report({ findings: [finding], foundIn: [3], phases: [{ phase: 'preemption-bound-1', probe: 3 }], stoppedBy: 'finding', complete: false, probes: { executions: 3, pct: 1, random: 1, bounded: 1, planned: 200 } });
    expect(phaseLine(r, 0)).toBe('found by preemption-bounded (at most 1 preemption) probe 3, before the DPOR proof');
    expect(summaryLine(r, { file: 'f.ts' })).toMatch(/^stopped at preemption-bounded \(at most 1 preemption\) probe 3 of 200, before the DPOR proof/);
    expect(summaryLine(report({ probes: { executions: 9, pct: 3, random: 3, bounded: 3, planned: 9 } }), { file: 'f.ts' })).toContain('after 9 probes (3 PCT, 3 random, 3 preemption-bounded)');
  });
});
