import { describe, expect, it } from 'vitest';
import { decodeSchedule, encodeSchedule } from '../../../src/runtime/schedule.js';

describe('schedule encoding', () => {
  it('compresses runs and round-trips', () => {
    const choices = [0, 1, 1, 1, 2, 0, 0, 10];
    const s = encodeSchedule(choices);
    expect(s).toBe('0.1x3.2.0x2.10');
    expect(decodeSchedule(s)).toEqual(choices);
  });

  it('writes the empty schedule as "-"', () => {
    expect(encodeSchedule([])).toBe('-');
    expect(decodeSchedule('-')).toEqual([]);
    expect(decodeSchedule('')).toEqual([]);
  });

  it('rejects malformed text with a one-line message', () => {
    expect(() => decodeSchedule('1.a.2')).toThrow(/malformed schedule near 'a'/);
    expect(() => decodeSchedule('1x0')).toThrow(/bad repeat count/);
  });
});

describe('encodeRuns', () => {
  it('prints run-length pairs exactly as encodeSchedule prints the answers', async () => {
    const { encodeRuns, FIRE_TIMER } = await import('../../../src/runtime/schedule.js');
    expect(encodeRuns([0, 1, 1, 3, FIRE_TIMER, 2, 2, 1])).toBe(encodeSchedule([0, 1, 1, 1, FIRE_TIMER, FIRE_TIMER, 2]));
    expect(encodeRuns([])).toBe('-');
  });
});
