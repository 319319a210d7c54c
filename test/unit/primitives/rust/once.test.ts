import { describe, expect, it } from 'vitest';
import { exploreScenario } from '../../../../src/harness/explore.js';
import { Once, OnceLock, ONCE_POISONED } from '../../../../src/primitives/rust/once.js';
import { catchUnwind, panic } from '../../../../src/primitives/rust/panic.js';
import { scenario } from '../../../../src/primitives/rust/scenario.js';
import { thread } from '../../../../src/primitives/rust/thread.js';
import { UnsafeCell } from '../../../../src/primitives/rust/unsafe-cell.js';
import { exploreOptions } from '../../scheduler/explore-helpers.js';
import { runRust, kinds } from './helpers.js';

describe('Once', () => {
  it('callOnce runs fn once; callers that arrive while it runs wait for its end; isCompleted', async () => {
    const got: string[] = [];
    const r = await runRust(async () => {
      got.length = 0;
      const once = new Once();
      const cell = new UnsafeCell(0, 'init');
      let runs = 0;
      const hs = [0, 1, 2].map((i) =>
        thread.spawn(async () => {
          await once.callOnce(async () => {
            runs++;
            await thread.yieldNow();
            await cell.set(42);
          });
          return cell.get(); // ordered after the one write: no race
        }, `t${i}`),
      );
      for (const h of hs) got.push(String((await h.join()).unwrap()));
      got.push(`runs ${runs}`, `completed ${once.isCompleted()}`);
    }, { runs: 100 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual(['42', '42', '42', 'runs 1', 'completed true']);
  });

  it('without callOnce waiting for the end, the read races (the test can fail)', async () => {
    const r = await runRust(async () => {
      const cell = new UnsafeCell(0, 'init');
      const hs = [0, 1].map((i) =>
        thread.spawn(async () => {
          if (i === 0) await cell.set(42);
          return cell.get();
        }, `t${i}`),
      );
      for (const h of hs) await h.join();
    }, { runs: 100 });
    expect(kinds(r)).toEqual(['data-race']);
  });

  it('a panic inside callOnce poisons it: later calls panic with std\'s message; isCompleted stays false', async () => {
    const got: string[] = [];
    const r = await runRust(async () => {
      got.length = 0;
      const once = new Once();
      const first = await catchUnwind(() => once.callOnce(() => panic('init failed')));
      got.push(first.isErr() ? first.unwrapErr().message : 'ok');
      const second = await catchUnwind(() => once.callOnce(() => got.push('ran again')));
      got.push(second.isErr() ? second.unwrapErr().message : 'ok');
      got.push(`completed ${once.isCompleted()}`);
      await once.callOnce(() => {}); // uncaught: a panic finding
    }, { runs: 1 });
    expect(got).toEqual(['init failed', ONCE_POISONED, 'completed false']);
    expect(kinds(r)).toEqual(['panic']);
    expect(r.findings[0]!.message).toBe(`thread 'main' panicked: ${ONCE_POISONED}`);
  });

  it('a waiter blocked while fn panics wakes and panics too', async () => {
    const got = new Set<string>();
    const r = await runRust(async () => {
      const once = new Once();
      const h = thread.spawn(async () => {
        const res = await catchUnwind(() => once.callOnce(() => undefined));
        return res.isErr() ? res.unwrapErr().message : 'ok';
      }, 'waiter');
      const mine = await catchUnwind(() =>
        once.callOnce(async () => {
          await thread.yieldNow();
          panic('boom');
        }),
      );
      const theirs = (await h.join()).unwrap();
      got.add(`${mine.isErr()} ${theirs}`);
    }, { runs: 100 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    // The waiter either ran its own fn first (ok; then main's call finds it complete and does not panic)
    // or arrived later and found it poisoned (or running, then poisoned).
    expect([...got].sort()).toEqual(['false ok', `true ${ONCE_POISONED}`]);
  });

  it('callOnce inside its own fn is a deadlock reported at once', async () => {
    const r = await runRust(async () => {
      const once = new Once({ name: 'init' });
      await once.callOnce(() => once.callOnce(() => {}));
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['deadlock']);
    expect(r.findings[0]!.message).toContain("calls callOnce of Once 'init' inside its own initialiser");
  });

  it('explore: two callers make 2 executions (who runs fn); callers that find it complete commute', async () => {
    const s = scenario('once family', async () => {
      const once = new Once();
      const hs = [0, 1].map((i) => thread.spawn(() => once.callOnce(() => {}), `t${i}`));
      for (const h of hs) await h.join();
      await once.callOnce(() => {});
      await once.callOnce(() => {});
    });
    const r = await exploreScenario(s, exploreOptions());
    expect(r.complete).toBe(true);
    expect(r.findings).toEqual([]);
    expect(r.executions).toBe(2);
  });
});

describe('OnceLock', () => {
  it('get, set (Err(v) when already set), getOrInit', async () => {
    const got: string[] = [];
    const r = await runRust(async () => {
      got.length = 0;
      const cell = new OnceLock<number>();
      got.push(String(await cell.get()));
      got.push(String(await cell.getOrInit(() => 1)));
      got.push(String(await cell.set(2)));
      got.push(String(await cell.getOrInit(() => 3)));
      got.push(String(await cell.get()));
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(got).toEqual(['undefined', '1', 'Err(2)', '1', '1']);
  });

  it('one initialiser at a time: concurrent getOrInit callers all get the first value; init happens-before', async () => {
    const got = new Set<string>();
    const r = await runRust(async () => {
      const lock = new OnceLock<UnsafeCell<number>>();
      let inits = 0;
      const hs = [0, 1, 2].map((i) =>
        thread.spawn(async () => {
          const c = await lock.getOrInit(async () => {
            inits++;
            const cell = new UnsafeCell(0, 'made');
            await cell.set(i);
            return cell;
          });
          return c.get();
        }, `t${i}`),
      );
      const vals = [];
      for (const h of hs) vals.push((await h.join()).unwrap());
      got.add(`${inits} ${new Set(vals).size}`);
    }, { runs: 100 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect([...got]).toEqual(['1 1']);
  });

  it('a panicking initialiser leaves it empty (no poisoning): the next caller initialises', async () => {
    const got: string[] = [];
    const r = await runRust(async () => {
      got.length = 0;
      const lock = new OnceLock<string>();
      const a = await catchUnwind(() => lock.getOrInit(() => panic('bad')));
      got.push(String(a.isErr()), String(await lock.get()), await lock.getOrInit(() => 'good'));
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(got).toEqual(['true', 'undefined', 'good']);
  });

  it('explore: the lazy-init family: two getOrInit callers, 2 executions, both see one value', async () => {
    const seen = new Set<string>();
    const s = scenario('oncelock family', async () => {
      const lock = new OnceLock<string>();
      const hs = ['a', 'b'].map((n) => thread.spawn(() => lock.getOrInit(() => n), n));
      const vals = [];
      for (const h of hs) vals.push((await h.join()).unwrap());
      seen.add(vals.join(''));
    });
    const r = await exploreScenario(s, exploreOptions());
    expect(r.complete).toBe(true);
    expect(r.executions).toBe(2);
    expect([...seen].sort()).toEqual(['aa', 'bb']);
  });
});
