import { describe, expect, it } from 'vitest';
import { panic, assert, catchUnwind, PanicInfo, resumeUnwind } from '../../../../src/primitives/rust/panic.js';
import { Res } from './fixtures.js';
import { runRust, kinds } from './helpers.js';

describe('panic and catchUnwind', () => {
  it('an uncaught panic in main is a panic finding with a Rust-like message and the line', async () => {
    const r = await runRust(async () => {
      panic('boom');
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['panic']);
    expect(r.findings[0]!.message).toBe("thread 'main' panicked: boom");
    expect(r.findings[0]!.locations[0]).toMatch(/panic\.test\.ts:\d+:\d+/);
  });

  it('a failed Rust assert is an assertion finding, and catchable', async () => {
    const r = await runRust(async () => {
      assert(1 + 1 === 3, 'math');
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['assertion']);
    expect(r.findings[0]!.message).toBe("thread 'main' panicked: assertion failed: math");
    let got: unknown;
    const r2 = await runRust(async () => {
      got = await catchUnwind(() => assert(false, 'caught'));
    }, { runs: 1 });
    expect(kinds(r2)).toEqual([]);
    const res = got as { ok: boolean; error: PanicInfo };
    expect(res.ok).toBe(false);
    expect(res.error.kind).toBe('assertion');
    expect(res.error.message).toBe('assertion failed: caught');
  });

  it('catchUnwind returns Ok, or Err(PanicInfo) for a panic or any thrown exception', async () => {
    const seen: unknown[] = [];
    const r = await runRust(async () => {
      const a = await catchUnwind(async () => 42);
      seen.push(a.unwrap());
      const b = await catchUnwind(async () => panic('oops'));
      const info = b.unwrapErr();
      seen.push(info instanceof PanicInfo, info.kind, info.message, info.thread);
      const c = await catchUnwind(() => {
        throw new RangeError('too far');
      });
      seen.push(c.unwrapErr().message);
      const d = await catchUnwind(() => {
        throw 7;
      });
      seen.push(d.unwrapErr().message);
    }, { runs: 1 });
    expect(kinds(r)).toEqual([]);
    expect(r.error).toBeUndefined();
    expect(seen).toEqual([42, true, 'panic', 'oops', 'main', 'RangeError: too far', '7']);
  });

  it('does not catch scenario mistakes (a scenario error, not a panic)', async () => {
    const r = await runRust(async () => {
      // reading through undefined is Go's nil dereference: a panic, caught
      (await catchUnwind(() => (undefined as any).field)).unwrapErr();
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    const r3 = await runRust(async () => {
      await catchUnwind(() => ({} as any).notAFunction());
    }, { runs: 1 });
    expect(r3.error?.message).toMatch(/is not a function/);
  });

  it('drops the values made inside the closure on unwind, newest first, unwinding; keeps the others', async () => {
    const log: string[] = [];
    const r = await runRust(async () => {
      const outer = new Res(log, 'outer');
      const res = await catchUnwind(async () => {
        new Res(log, 'a');
        new Res(log, 'b');
        panic('x');
      });
      log.push(`caught:${res.isErr()}`);
      void outer;
    }, { runs: 1 });
    expect(kinds(r)).toEqual([]);
    // outer is dropped when main returns, not unwinding
    expect(log).toEqual(['b!', 'a!', 'caught:true', 'outer']);
  });

  it('an uncaught panic unwinds all the thread\'s values before it is reported', async () => {
    const log: string[] = [];
    const r = await runRust(async () => {
      log.length = 0; // the reported execution is replayed: keep the last one's log
      new Res(log, 'a');
      new Res(log, 'b');
      panic('x');
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['panic']);
    expect(log).toEqual(['b!', 'a!']);
  });

  it('resumeUnwind re-raises a PanicInfo with its kind', async () => {
    const r = await runRust(async () => {
      const e = (await catchUnwind(() => assert(false))).unwrapErr();
      resumeUnwind(e);
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['assertion']);
    expect(r.findings[0]!.message).toBe("thread 'main' panicked: assertion failed");
  });
});
