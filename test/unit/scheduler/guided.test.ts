import { describe, expect, it } from 'vitest';
import { GuidedStrategy } from '../../../src/scheduler/guided.js';
import { LISTED_OPTIONS, Recorder, countPreemptions, isPreemption } from '../../../src/scheduler/recorder.js';
import { ReplayStrategy } from '../../../src/scheduler/replay.js';
import { FIRE_TIMER } from '../../../src/runtime/schedule.js';
import type { Thread } from '../../../src/runtime/thread.js';

const threads = (...ids: number[]) => ids.map((id) => ({ id, pending: { describe: () => `op of ${id}` } }) as unknown as Thread);

describe('GuidedStrategy', () => {
  it('follows planned answers, and never diverges: it keeps the last goroutine, else the lowest', () => {
    const s = new GuidedStrategy({ answers: [2, 9, 1, FIRE_TIMER] }, 5);
    expect(s.beginExecution(0)).toEqual({ seed: 5 });
    expect(s.pickThread(threads(0, 2, 5), 0, false, 0)).toBe(1); // planned 2
    expect(s.pickThread(threads(0, 2, 5), 1, false, 5)).toBe(2); // 9 cannot run: last (5) goes on
    expect(s.pickChoice('select', 3)).toBe(1); // planned 1
    expect(s.pickThread(threads(0, 2), 3, false, 5)).toBe(0); // timer not ready, 5 gone: lowest
    expect(s.pickThread(threads(0, 2), 4, true, 2)).toBe(1); // past the plan: last goes on, no timer
    expect(s.beginExecution(1)).toBeNull();
  });

  it('can follow a plan by step, with the other choices in order', () => {
    const s = new GuidedStrategy({ byStep: [0, 0, 3, FIRE_TIMER], choices: [2] });
    s.beginExecution(0);
    expect(s.pickThread(threads(0, 3), 2, false, 0)).toBe(1); // step 3 belongs to goroutine 3
    expect(s.pickThread(threads(0, 3), 3, true, 3)).toBe(2); // step 4: the timer
    expect(s.pickChoice('select', 2)).toBe(0); // 2 is not an option of 2: option 0
  });
});

describe('Recorder', () => {
  it('records what was offered and answered, and counts preemptions', () => {
    const r = new Recorder(new ReplayStrategy('1.0.T.2'), true);
    r.beginExecution(0);
    r.pickThread(threads(0, 1), 4, false, 0); // 0 could go on: preemption
    r.pickThread(threads(0, 1), 5, false, 1); // back to 0: 1 could go on, preemption
    r.pickThread(threads(0), 6, true, 0); // a timer firing is not a preemption
    r.pickThread(threads(1, 2), 7, false, 0); // 0 is blocked: a switch, not a preemption
    expect(r.decisions.map(isPreemption)).toEqual([true, true, false, false]);
    expect(countPreemptions(r.decisions)).toBe(2);
    expect(r.decisions[2]).toEqual({ type: 'thread', step: 6, options: [0, FIRE_TIMER], offered: 2, last: 0, lastCouldRun: true, answer: FIRE_TIMER, ops: ['goroutine 0 (op of 0)'] });
    expect(r.name).toBe('replay');
  });

  it('lists at most LISTED_OPTIONS goroutines a decision, and still knows whether the last one could run', () => {
    const many = threads(...Array.from({ length: 1_000 }, (_, i) => i));
    const r = new Recorder(new ReplayStrategy('3.3'), true);
    r.beginExecution(0);
    r.pickThread(many, 0, true, 900); // 900 could go on (not listed): 3 preempts it
    r.pickThread(many.slice(0, 899), 1, false, 900); // 900 has finished: a switch
    const [d0, d1] = r.decisions;
    if (d0?.type !== 'thread' || d1?.type !== 'thread') throw new Error('thread decisions expected');
    expect(d0.options).toEqual([...Array.from({ length: LISTED_OPTIONS }, (_, i) => i), FIRE_TIMER]);
    expect(d0.ops).toHaveLength(LISTED_OPTIONS);
    expect(d0.offered).toBe(1_001);
    expect(d0.lastCouldRun).toBe(true);
    expect(d1.offered).toBe(899);
    expect(d1.lastCouldRun).toBe(false);
    expect(r.decisions.map(isPreemption)).toEqual([true, false]);
  });
});
