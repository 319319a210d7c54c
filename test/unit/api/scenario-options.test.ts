/** Scenario options are validated: unknown keys name the nearest known one, bad values say what is expected. */
import { describe, expect, it } from 'vitest';
import { editDistance, nearest } from '../../../src/api/nearest.js';
import { scenario, SCENARIO_OPTION_KEYS } from '../../../src/api/scenario.js';

const body = async () => undefined;

describe('scenario options', () => {
  it('an unknown key is an error naming the nearest known key', () => {
    expect(() => scenario({ name: 'x', expcet: ['deadlock'] } as never, body)).toThrow("unknown scenario option 'expcet': did you mean 'expect'?");
    expect(() => scenario({ name: 'x', steplimit: 5 } as never, body)).toThrow("did you mean 'stepLimit'?");
    expect(() => scenario({ name: 'x', run: 5 } as never, body)).toThrow("did you mean 'runs'?");
  });

  it('an unknown key far from every known one lists the known keys', () => {
    expect(() => scenario({ name: 'x', timeoutMs: 5 } as never, body)).toThrow(`unknown scenario option 'timeoutMs' (known: ${SCENARIO_OPTION_KEYS.join(', ')})`);
  });

  it('every known key is accepted', () => {
    const s = scenario({ name: 'x', expect: ['deadlock'], runs: 3, stepLimit: 10, runtime: { flavor: 'current_thread' } }, body);
    expect(s.options.expect).toEqual(['deadlock']);
  });

  it('a misspelt finding kind suggests the right one; values of the wrong kind are errors', () => {
    expect(() => scenario({ name: 'x', expect: ['dead-lock'] } as never, body)).toThrow("unknown finding kind 'dead-lock': did you mean 'deadlock'?");
    expect(() => scenario({ name: 'x', expect: 'deadlock' } as never, body)).toThrow('expect must be a list');
    expect(() => scenario({ name: 42 } as never, body)).toThrow('name must be a string');
    expect(() => scenario({ name: 'x', runs: 0 }, body)).toThrow('runs must be a positive integer, got 0');
    expect(() => scenario({ name: 'x', runtime: { flavor: 'threads' } } as never, body)).toThrow('scenario option runtime must be');
  });
});

describe('nearest', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('expcet', 'expect')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests only near misses, ignoring case', () => {
    expect(nearest('EXPECT', ['expect', 'runs'])).toBe('expect');
    expect(nearest('xyz', ['expect', 'runs'])).toBeUndefined();
  });
});
