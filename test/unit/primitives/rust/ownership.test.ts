import { describe, expect, it } from 'vitest';
import * as esbuild from 'esbuild';
import { drop, own, assertUsable, isUnwinding, dropContext } from '../../../../src/primitives/rust/ownership.js';
import { catchUnwind, panic, type PanicInfo } from '../../../../src/primitives/rust/panic.js';
import { Ok, Err, poisonError } from '../../../../src/primitives/rust/result.js';
import { DROP, type DropContext } from '../../../../src/primitives/rust/ownership.js';
import { thread } from '../../../../src/primitives/rust/thread.js';
import { Res } from './fixtures.js';
import { runRust, kinds } from './helpers.js';

describe('ownership and drop', () => {
  it('drops a thread\'s values at its end in reverse order of creation, main\'s when main returns', async () => {
    const log: string[] = [];
    const r = await runRust(async () => {
      log.length = 0;
      new Res(log, 'm1');
      new Res(log, 'm2');
      const h = thread.spawn(async () => {
        new Res(log, 't1');
        new Res(log, 't2');
        new Res(log, 't3');
      }, 'worker');
      (await h.join()).unwrap();
      log.push('joined');
    }, { runs: 1 });
    expect(kinds(r)).toEqual([]);
    expect(r.error).toBeUndefined();
    expect(log).toEqual(['t3', 't2', 't1', 'joined', 'm2', 'm1']);
  });

  it('drop(x) ends a value once, as a scheduling point; a second drop is a scenario error naming the line', async () => {
    const log: string[] = [];
    const r = await runRust(async () => {
      log.length = 0;
      const a = new Res(log, 'a');
      new Res(log, 'b');
      await drop(a);
      log.push('after');
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(log).toEqual(['a', 'after', 'b']);

    const r2 = await runRust(async () => {
      const a = new Res([], 'a');
      await drop(a);
      await drop(a);
    }, { runs: 1 });
    expect(r2.error?.message).toMatch(/dropped twice/);
    expect(r2.error?.location).toMatch(/ownership\.test\.ts:\d+:\d+/);
  });

  it('a value used after it was moved to another thread is a scenario error naming the line', async () => {
    let line = 0;
    const r = await runRust(async () => {
      const tx = new Res([], 'tx');
      const h = thread.spawn(async () => {
        assertUsable(tx, 'send'); // the new owner may use it
      }, { name: 'worker', move: [tx] });
      await h.join();
      line = Number(new Error().stack!.split('\n')[1]!.match(/:(\d+):\d+\)?$/)![1]) + 1;
      assertUsable(tx, 'send');
    }, { runs: 1 });
    expect(kinds(r)).toEqual([]);
    expect(r.error?.message).toBe("send: Res tx used by thread 'main' after it was moved to thread 'worker'");
    expect(r.error?.location).toMatch(new RegExp(`ownership\\.test\\.ts:${line}:`));
  });

  it('a moved value is dropped by its new owner, not by the thread that gave it away', async () => {
    const log: string[] = [];
    const r = await runRust(async () => {
      log.length = 0;
      const v = new Res(log, 'v');
      new Res(log, 'kept');
      const h = thread.spawn(async () => {
        log.push('child');
      }, { move: [v] });
      await h.join();
      log.push('main-end');
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(log).toEqual(['child', 'v', 'main-end', 'kept']);
  });

  it('a use after drop is a scenario error', async () => {
    const r = await runRust(async () => {
      const a = new Res([], 'a');
      await drop(a);
      assertUsable(a, 'recv');
    }, { runs: 1 });
    expect(r.error?.message).toBe('recv: Res a used after it was dropped');
  });

  it('drop hooks can read whether the thread unwinds', async () => {
    const seen: boolean[] = [];
    class Probe {
      constructor() {
        own(this);
      }
      [Symbol.for('simcc.rust.drop')](ctx: { unwinding: boolean; thread: never }): void {
        seen.push(ctx.unwinding, isUnwinding(ctx.thread), dropContext().unwinding);
      }
    }
    const r = await runRust(async () => {
      seen.length = 0;
      await catchUnwind(() => {
        new Probe();
        panic('x');
      });
      new Probe();
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(seen).toEqual([true, true, true, false, false, false]);
  });

  it('`using` (compiled by esbuild for node20) drops at the end of the block, and as unwinding when a panic leaves it', async () => {
    const src = `
      async function body(api, log) {
        {
          using a = new api.Res(log, 'a');
          using b = new api.Res(log, 'b');
          log.push('in');
        }
        log.push('out');
        const r = await api.catchUnwind(() => {
          using g = new api.Res(log, 'g');
          api.panic('boom');
        });
        log.push('caught:' + r.isErr());
        const c = new api.Res(log, 'c');
        {
          using d = c;
          await api.drop(d);
          log.push('dropped');
        }
      }
      return body;`;
    const { code } = await esbuild.transform(src, { loader: 'ts', target: 'node20' });
    expect(code).not.toMatch(/\busing [a-z] =/); // lowered
    const body = new Function(code)() as (api: unknown, log: string[]) => Promise<void>;
    const log: string[] = [];
    const r = await runRust(async () => {
      log.length = 0;
      await body({ Res, catchUnwind, panic, drop }, log);
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(log).toEqual(['in', 'b~', 'a~', 'out', 'g!~', 'caught:true', 'c', 'dropped']);
  });

  it('the poisoning hook: a guard dropped by unwinding poisons its lock; unwrapping it is poisoned-lock naming that panic', async () => {
    class MockLock {
      poisonedBy: PanicInfo | undefined;
      lock() {
        const g = new MockGuard(this);
        return this.poisonedBy ? Err(poisonError(g, this.poisonedBy)) : Ok(g);
      }
    }
    class MockGuard {
      constructor(readonly l: MockLock) {
        own(this, 'MutexGuard');
      }
      [DROP](ctx: DropContext): void {
        if (ctx.unwinding) this.l.poisonedBy = ctx.panic;
      }
    }
    const r = await runRust(async () => {
      const m = new MockLock();
      const h = thread.spawn(async () => {
        // Caught, so that the thread's panic is not itself the finding (contract §2b).
        await catchUnwind(async () => {
          m.lock().unwrap();
          panic('boom');
        });
      }, 'worker');
      (await h.join()).unwrap();
      m.lock().unwrap();
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['poisoned-lock']);
    expect(r.findings[0]!.message).toBe(
      "thread 'main' panicked: called `Result::unwrap()` on an `Err` value: PoisonError { .. } (the lock was poisoned when thread 'worker' panicked: boom)",
    );
  });
});
