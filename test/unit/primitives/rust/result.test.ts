import { describe, expect, it } from 'vitest';
import { Ok, Err, debugFormat, poisonError, type Result } from '../../../../src/primitives/rust/result.js';
import { PanicInfo } from '../../../../src/primitives/rust/panic.js';
import { SimPanic } from '../../../../src/runtime/errors.js';
import { runRust, kinds } from './helpers.js';

function thrown(f: () => unknown): SimPanic {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SimPanic);
    return e as SimPanic;
  }
  throw new Error('did not throw');
}

describe('Result', () => {
  it('has the methods of Rust', () => {
    const a: Result<number, string> = Ok(1);
    const b: Result<number, string> = Err('no');
    expect([a.isOk(), a.isErr(), b.isOk(), b.isErr()]).toEqual([true, false, false, true]);
    expect(a.unwrap()).toBe(1);
    expect(a.expect('x')).toBe(1);
    expect(b.unwrapErr()).toBe('no');
    expect(b.expectErr('x')).toBe('no');
    expect(a.unwrapOr(5)).toBe(1);
    expect(b.unwrapOr(5)).toBe(5);
    expect(b.unwrapOrElse((e) => e.length)).toBe(2);
    expect(a.map((v) => v + 1).unwrap()).toBe(2);
    expect(b.map((v) => v + 1).unwrapErr()).toBe('no');
    expect(b.mapErr((e) => e.toUpperCase()).unwrapErr()).toBe('NO');
    expect(a.okValue()).toBe(1);
    expect(b.okValue()).toBeUndefined();
    expect(b.err()).toBe('no');
    expect(a.err()).toBeUndefined();
    if (a.ok) expect(a.value).toBe(1);
    if (!b.ok) expect(b.error).toBe('no');
    expect(String(a)).toBe('Ok(1)');
    expect(String(b)).toBe('Err("no")');
  });

  it('unwrap and expect of an Err panic with Rust messages', () => {
    expect(thrown(() => Err({ kind: 'WouldBlock' }).unwrap()).message).toBe("thread 'main' panicked: called `Result::unwrap()` on an `Err` value: WouldBlock");
    expect(thrown(() => Err({ kind: 'RecvError' }).unwrap()).message).toMatch(/: RecvError$/);
    expect(thrown(() => Err({ kind: 'SendError', value: 3 }).unwrap()).message).toMatch(/`Err` value: SendError \{ \.\. \}$/);
    expect(thrown(() => Err({ kind: 'Disconnected' }).expect('channel gone')).message).toBe("thread 'main' panicked: channel gone: Disconnected");
    expect(thrown(() => Ok(7).unwrapErr()).message).toBe("thread 'main' panicked: called `Result::unwrap_err()` on an `Ok` value: 7");
    expect(thrown(() => Ok('a').expectErr('want err')).message).toBe('thread \'main\' panicked: want err: "a"');
    expect(thrown(() => Err({ kind: 'WouldBlock' }).unwrap()).kind).toBe('panic');
  });

  it('formats values as Debug does', () => {
    expect(debugFormat('x')).toBe('"x"');
    expect(debugFormat(undefined)).toBe('()');
    expect(debugFormat(3)).toBe('3');
    expect(debugFormat({ kind: 'Full', value: 1 })).toBe('Full(..)');
    expect(debugFormat({ kind: 'Lagged', skipped: 3 })).toBe('Lagged(3)');
    expect(debugFormat({ kind: 'Timeout' })).toBe('Timeout');
    expect(debugFormat(poisonError({ g: 1 }, undefined))).toBe('PoisonError { .. }');
    expect(debugFormat({ kind: 'Poisoned', error: poisonError(1, undefined) })).toBe('Poisoned(..)');
    expect(debugFormat(new PanicInfo('panic', 'boom', 't', undefined))).toBe('Any { .. }');
    expect(debugFormat([1, 'a'])).toBe('[1, "a"]');
  });

  it('unwrapping a poisoned lock panics as poisoned-lock, naming the panic that poisoned it', () => {
    const by = new PanicInfo('panic', 'boom', 'worker', 'x.ts:3:5');
    const guard = { value: 1 };
    const e = poisonError(guard, by);
    expect(e.intoInner()).toBe(guard);
    const p = thrown(() => Err(e).unwrap());
    expect(p.kind).toBe('poisoned-lock');
    expect(p.message).toBe("thread 'main' panicked: called `Result::unwrap()` on an `Err` value: PoisonError { .. } (the lock was poisoned when thread 'worker' panicked: boom)");
    const q = thrown(() => Err({ kind: 'Poisoned', error: e }).expect('try_lock'));
    expect(q.kind).toBe('poisoned-lock');
    expect(q.message).toMatch(/try_lock: Poisoned\(\.\.\) \(the lock was poisoned when thread 'worker'/);
  });

  it('an unwrap in a scenario is a panic finding of the thread', async () => {
    const r = await runRust(async () => {
      Err({ kind: 'Empty' }).unwrap();
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['panic']);
    expect(r.findings[0]!.message).toBe("thread 'main' panicked: called `Result::unwrap()` on an `Err` value: Empty");
    expect(r.findings[0]!.locations.join()).toMatch(/result\.test\.ts:\d+:\d+/);
  });

  it('a poisoned unwrap in a scenario is a poisoned-lock finding', async () => {
    const r = await runRust(async () => {
      Err(poisonError({}, new PanicInfo('panic', 'boom', 'w', undefined))).unwrap();
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['poisoned-lock']);
  });
});
