/**
 * `simcc explore`'s command-line decisions (src/cli/explore.ts): --workers above the cores capped with a
 * note; the exit status with and without --fail-on-incomplete; the stderr line of an exploration a
 * budget stopped with nothing found (and none otherwise).
 */
import { describe, expect, it } from 'vitest';
import type { ExploreReport } from '../../../src/harness/explore.js';
import { exploreExitCode, fitWorkers, incompleteLine } from '../../../src/cli/explore.js';

const report = (extra: Partial<ExploreReport> = {}): ExploreReport => ({
  scenario: 's',
  strategy: 'dpor',
  executions: 12,
  complete: false,
  stoppedBy: 'max-time',
  findings: [],
  steps: 100,
  pruned: 0,
  maxDepth: 9,
  tasks: { total: 4, explored: 1 },
  foundIn: [],
  traces: [],
  phases: [],
  ...extra,
});
const finding = { kind: 'assertion' as const, message: 'boom', threads: [], locations: ['a.ts:1:1'], schedule: '0', step: 1 };

describe('fitWorkers', () => {
  it('as many as asked up to the cores; more are capped, with a note', () => {
    expect(fitWorkers(2, 4)).toEqual({ workers: 2 });
    expect(fitWorkers(4, 4)).toEqual({ workers: 4 });
    expect(fitWorkers(32, 2)).toEqual({ workers: 2, note: 'note: --workers 32 is more than the 2 cores of this machine: exploring with 2' });
  });
});

describe('exploreExitCode', () => {
  it('0 for nothing found even when incomplete, 1 with --fail-on-incomplete; findings and errors unchanged', () => {
    expect(exploreExitCode(report(), false)).toBe(0);
    expect(exploreExitCode(report(), true)).toBe(1);
    expect(exploreExitCode(report({ complete: true, stoppedBy: undefined }), true)).toBe(0);
    expect(exploreExitCode(report({ findings: [finding] }), false)).toBe(1);
    expect(exploreExitCode(report({ error: { message: 'x' } }), true)).toBe(2);
  });
});

describe('incompleteLine', () => {
  it('one line for a budget stop with nothing found, saying which budget and what was covered', () => {
    expect(incompleteLine('f.ts', report({ probes: { executions: 20, pct: 10, random: 10, planned: 200 } }), { maxTimeS: 15 })).toBe(
      'f.ts: nothing found, but the exploration is incomplete: --max-time 15 s reached after 12 executions and 20 probes (longest execution 9 steps, 1 of 4 tasks explored)',
    );
    expect(incompleteLine('f.ts', report({ stoppedBy: 'max-executions', executions: 1 }), { maxExecutions: 1 })).toBe(
      'f.ts: nothing found, but the exploration is incomplete: --max-executions 1 reached after 1 execution (longest execution 9 steps, 1 of 4 tasks explored)',
    );
    expect(incompleteLine('f.ts', report({ stoppedBy: 'memory' }), { maxTimeS: 15 })).toBe(
      "f.ts: nothing found, but the exploration is incomplete: the explorer's state filled 80% of its memory after 12 executions (longest execution 9 steps, 1 of 4 tasks explored)",
    );
  });

  it('suggests --time synctest when timers fired while goroutines could run', () => {
    expect(incompleteLine('f.ts', report({ earlyTimers: true }), { maxTimeS: 15 })).toBe(
      'f.ts: nothing found, but the exploration is incomplete: --max-time 15 s reached after 12 executions (longest execution 9 steps, 1 of 4 tasks explored); timers fired while goroutines could run (free time mode): --time synctest fires them only once all are blocked',
    );
  });

  it('none when complete, when something was found, on an error, or when no budget stopped it', () => {
    expect(incompleteLine('f.ts', report({ complete: true, stoppedBy: undefined }), {})).toBeNull();
    expect(incompleteLine('f.ts', report({ findings: [finding] }), {})).toBeNull();
    expect(incompleteLine('f.ts', report({ error: { message: 'x' } }), {})).toBeNull();
    expect(incompleteLine('f.ts', report({ stoppedBy: 'finding' }), {})).toBeNull();
  });
});
