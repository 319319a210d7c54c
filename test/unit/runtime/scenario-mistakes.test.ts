/**
 * A TypeError/ReferenceError that JavaScript raises for a mistake in the scenario's code (a misspelt
 * method, an undefined name) is a scenario error naming its line; a nil dereference, an error the
 * scenario throws itself, a simulated panic and a failed assert stay findings.
 */
import { describe, expect, it } from 'vitest';
import { assert, go, Mutex, panic, yieldNow } from '../../../src/index.js';
import { isScenarioMistake } from '../../../src/runtime/errors.js';
import { kinds, run } from '../../helpers.js';

describe('mistakes in the scenario code', () => {
  it('a misspelt method is a scenario error at its line, not a panic', async () => {
    const r = await run(async () => {
      const mu = new Mutex() as unknown as { lokc(): Promise<void> };
      await mu.lokc();
    }, { runs: 1 });
    expect(r.findings).toEqual([]);
    expect(r.error?.message).toBe('TypeError: mu.lokc is not a function');
    expect(r.error?.location).toMatch(/scenario-mistakes\.test\.ts:\d+:\d+$/);
  });

  it('an undefined name in a goroutine is a scenario error', async () => {
    const r = await run(async () => {
      go(async () => {
        await yieldNow();
        // @ts-expect-error: the mistake under test
        undefinedThing();
      });
      await yieldNow();
      await yieldNow();
    }, { runs: 1 });
    expect(r.error?.message).toBe('ReferenceError: undefinedThing is not defined');
  });

  it('a nil dereference, a thrown error, panic() and assert() stay findings', async () => {
    const nil = await run(async () => {
      const o = null as unknown as { write(v: number): void };
      o.write(1);
    }, { runs: 1 });
    expect(kinds(nil)).toEqual(['panic']);
    const thrown = await run(async () => {
      throw new TypeError('x is not a function, said the user');
    }, { runs: 1 });
    expect(thrown.error).toBeUndefined();
    expect(kinds(thrown)).toEqual(['panic']);
    expect(kinds(await run(async () => panic('boom'), { runs: 1 }))).toEqual(['panic']);
    expect(kinds(await run(async () => assert(false, 'no'), { runs: 1 }))).toEqual(['assertion']);
  });

  it('classifies by what V8 writes', () => {
    expect(isScenarioMistake(new TypeError('a.b is not a function'))).toBe(true);
    expect(isScenarioMistake(new ReferenceError('x is not defined'))).toBe(true);
    expect(isScenarioMistake(new ReferenceError("Cannot access 'x' before initialization"))).toBe(true);
    expect(isScenarioMistake(new TypeError('Assignment to constant variable.'))).toBe(true);
    expect(isScenarioMistake(new TypeError("Cannot read properties of null (reading 'write')"))).toBe(false);
    expect(isScenarioMistake(new Error('a.b is not a function'))).toBe(false);
  });
});
