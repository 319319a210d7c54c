import { describe, expect, it } from 'vitest';
import { RandomStrategy } from '../../../src/scheduler/random.js';
import { ReplayStrategy } from '../../../src/scheduler/replay.js';
import { Divergence } from '../../../src/runtime/strategy.js';
import type { Thread } from '../../../src/runtime/thread.js';

const threads = (...ids: number[]) => ids.map((id) => ({ id }) as Thread);

describe('RandomStrategy', () => {
  it('uses seed firstSeed + index and stops after runs', () => {
    const s = new RandomStrategy(7, 2);
    expect(s.beginExecution(0)).toEqual({ seed: 7 });
    expect(s.beginExecution(1)).toEqual({ seed: 8 });
    expect(s.beginExecution(2)).toBeNull();
  });

  it('gives the same answers for the same seed', () => {
    const answers = (seed: number) => {
      const s = new RandomStrategy(seed, 1);
      s.beginExecution(0);
      return Array.from({ length: 50 }, () => s.pickThread(threads(0, 1, 2), 0, false));
    };
    expect(answers(3)).toEqual(answers(3));
    expect(answers(3)).not.toEqual(answers(4));
    expect(new Set(answers(3))).toEqual(new Set([0, 1, 2]));
  });
});

describe('ReplayStrategy', () => {
  it('follows thread ids and choices, then takes the first option', () => {
    const s = new ReplayStrategy('2.1.0');
    s.beginExecution(0);
    expect(s.pickThread(threads(0, 2, 5), 1, false)).toBe(1);
    expect(s.pickChoice('select', 3)).toBe(1);
    expect(s.pickThread(threads(0, 2), 3, false)).toBe(0);
    expect(s.pickThread(threads(4, 5), 4, false)).toBe(0);
    expect(s.beginExecution(1)).toBeNull();
  });

  it('throws Divergence when the recorded goroutine cannot run', () => {
    const s = new ReplayStrategy('3');
    s.beginExecution(0);
    expect(() => s.pickThread(threads(0, 1), 1, false)).toThrow(Divergence);
  });
});
