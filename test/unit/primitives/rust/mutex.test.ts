/**
 * std::sync::Mutex<T> (src/primitives/rust/mutex.ts): guards, drop and `using`, happens-before,
 * double-lock, tryLock, poisoning (by drop, by unwinding through `using`), intoInner/getMut, the
 * synchronous queries, and exploration (exact counts, DPOR against brute force).
 */
import { describe, expect, it } from 'vitest';
import { exploreScenario } from '../../../../src/harness/explore.js';
import { Mutex, MutexGuard } from '../../../../src/primitives/rust/mutex.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { assert, catchUnwind, panic } from '../../../../src/primitives/rust/panic.js';
import { scenario } from '../../../../src/primitives/rust/scenario.js';
import { thread } from '../../../../src/primitives/rust/thread.js';
import { UnsafeCell } from '../../../../src/primitives/rust/unsafe-cell.js';
import { bruteForce, dporSplit, exploreOptions, type Outcome } from '../../scheduler/explore-helpers.js';
import { kinds, runRust } from './helpers.js';

const DISPOSE = Symbol.for('Symbol.dispose');

describe('Mutex: lock, guard, unlock', () => {
  it('a counter under the lock: no race, the right total; without the lock the cell races', async () => {
    const totals = new Set<number>();
    const counter = (locked: boolean) => async () => {
      const m = new Mutex(0, { name: 'm' });
      const cell = new UnsafeCell(0, 'cell');
      const hs = [0, 1].map((i) =>
        thread.spawn(async () => {
          if (!locked) return cell.set((await cell.get()) + 1);
          const g = (await m.lock()).unwrap();
          g.value += 1;
          await cell.set((await cell.get()) + 1); // ordered by the lock: no data race
          await drop(g);
        }, `t${i}`),
      );
      for (const h of hs) (await h.join()).unwrap();
      if (locked) totals.add((await m.lock()).unwrap().value);
    };
    expect(kinds(await runRust(counter(true), { runs: 100 }))).toEqual([]);
    expect(totals).toEqual(new Set([2]));
    expect(new Set(kinds(await runRust(counter(false), { runs: 100 })))).toEqual(new Set(['data-race']));
  });

  it('locking a Mutex the thread holds is double-lock at once, naming both places', async () => {
    const r = await runRust(async () => {
      const m = new Mutex(0, { name: 'm' });
      const a = (await m.lock()).unwrap();
      const b = (await m.lock()).unwrap();
      void a;
      void b;
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['double-lock']);
    expect(r.findings[0]!.message).toMatch(/thread 'main' locks Mutex 'm', which it already holds/);
    expect(r.findings[0]!.locations.length).toBe(2);
  });

  it('a guard is dropped at its thread\'s end (the lock is free for the joiner) and its use after drop is an error', async () => {
    const r = await runRust(async () => {
      const m = new Mutex(0, { name: 'm' });
      const h = thread.spawn(async () => {
        const g = (await m.lock()).unwrap();
        g.value = 7;
      }, 'holder');
      (await h.join()).unwrap();
      const g = (await m.lock()).unwrap();
      assert(g.value === 7);
      await drop(g);
      return g.value;
    }, { runs: 20 });
    expect(kinds(r)).toEqual([]);
    expect(r.error?.message).toMatch(/MutexGuard of Mutex 'm' used after it was dropped/);
  });

  it('`using` (Symbol.dispose, also under Symbol.for) unlocks at once, without a scheduling point', async () => {
    let steps: number[] = [];
    const r = await runRust(async () => {
      steps = [];
      const m = new Mutex(0, { name: 'm' });
      const g = (await m.lock()).unwrap();
      expect(typeof (g as unknown as Record<symbol, unknown>)[Symbol.dispose]).toBe('function');
      (g as unknown as Record<symbol, () => void>)[DISPOSE]!();
      const t = (await m.tryLock()).unwrap(); // free again
      (t as unknown as Record<symbol, () => void>)[Symbol.dispose]!();
      (t as unknown as Record<symbol, () => void>)[Symbol.dispose]!(); // disposing twice does nothing
      steps.push(1);
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(steps).toEqual([1]);
  });

  it('tryLock: WouldBlock while another thread holds it, Ok when free', async () => {
    const seen = new Set<string>();
    const r = await runRust(async () => {
      const m = new Mutex(0, { name: 'm' });
      const h = thread.spawn(async () => {
        const g = (await m.lock()).unwrap();
        await thread.yieldNow();
        await drop(g);
      }, 'holder');
      const t = await m.tryLock();
      seen.add(t.isOk() ? 'Ok' : (t.unwrapErr() as { kind: string }).kind);
      if (t.isOk()) await drop(t.unwrap());
      (await h.join()).unwrap();
    }, { runs: 200 });
    expect(kinds(r)).toEqual([]);
    expect(seen).toEqual(new Set(['Ok', 'WouldBlock']));
  });
});

describe('Mutex: poisoning', () => {
  it('a guard dropped while its thread unwinds poisons; lock() then errs with the guard, unwrap is poisoned-lock naming the panic', async () => {
    const r = await runRust(async () => {
      const m = new Mutex(10, { name: 'ledger' });
      const h = thread.spawn(async () => {
        await catchUnwind(async () => {
          const g = (await m.lock()).unwrap();
          g.value = 5;
          panic('boom in the job');
        });
      }, 'job');
      (await h.join()).unwrap();
      assert(m.isPoisoned(), 'not poisoned');
      const res = await m.lock();
      assert(res.isErr(), 'lock of a poisoned Mutex is Ok');
      const g = res.unwrapErr().intoInner();
      assert(g.value === 5, 'the data is still there');
      await drop(g);
      const t = await m.tryLock();
      assert(t.isErr() && (t.unwrapErr() as { kind: string }).kind === 'Poisoned', 'tryLock is not Poisoned');
      await drop((t.unwrapErr() as { error: { intoInner(): MutexGuard<number> } }).error.intoInner());
      (await m.lock()).unwrap(); // panics: poisoned-lock
    }, { runs: 5 });
    expect([...new Set(kinds(r))]).toEqual(['poisoned-lock']);
    expect(r.findings[0]!.message).toMatch(/PoisonError \{ \.\. \} \(the lock was poisoned when thread 'job' panicked: boom in the job\)/);
    // Where main unwrapped, and where 'job' panicked.
    expect(r.findings[0]!.locations).toHaveLength(2);
    expect(r.findings[0]!.locations[1]).toMatch(/mutex\.test\.ts:\d+:\d+/);
  });

  it('unwrapping a poisoned lock in a thread names both panics too', async () => {
    const r = await runRust(async () => {
      const m = new Mutex(0, { name: 'm' });
      await catchUnwind(async () => {
        const g = (await m.lock()).unwrap();
        void g;
        panic('first');
      });
      const h = thread.spawn(async () => void (await m.lock()).unwrap(), 'second');
      await h.join();
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['poisoned-lock']);
    expect(r.findings[0]!.message).toMatch(/^thread 'second' panicked: .*poisoned when thread 'main' panicked: first\)$/);
    expect(r.findings[0]!.locations).toHaveLength(2);
  });

  it('clearPoison makes lock() Ok again; a panic without a guard alive does not poison', async () => {
    const r = await runRust(async () => {
      const m = new Mutex(0, { name: 'm' });
      await catchUnwind(async () => {
        const g = (await m.lock()).unwrap();
        await drop(g);
        panic('after the guard');
      });
      assert(!m.isPoisoned(), 'poisoned without a guard');
      await catchUnwind(async () => {
        const g = (await m.lock()).unwrap();
        void g;
        panic('with the guard');
      });
      assert(m.isPoisoned(), 'not poisoned');
      m.clearPoison();
      assert(!m.isPoisoned(), 'still poisoned');
      await drop((await m.lock()).unwrap());
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a `using` block left by a panic disposes its guard as unwinding: poisoned', async () => {
    const r = await runRust(async () => {
      const m = new Mutex(0, { name: 'm' });
      await catchUnwind(async () => {
        const g = (await m.lock()).unwrap();
        try {
          panic('inside using');
        } finally {
          (g as unknown as Record<symbol, () => void>)[DISPOSE]!(); // what esbuild's lowering of `using` runs
        }
      });
      assert(m.isPoisoned(), 'not poisoned');
      assert((await m.tryLock()).isErr(), 'not unlocked');
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('intoInner gives the data (Err when poisoned) and consumes the Mutex; getMut reaches it without locking', async () => {
    const r = await runRust(async () => {
      const m = new Mutex({ n: 1 }, { name: 'm' });
      m.getMut().unwrap().value.n = 2;
      const v = m.intoInner().unwrap();
      assert(v.n === 2, 'getMut did not write');
      await m.lock();
    }, { runs: 1 });
    expect(r.error?.message).toMatch(/lock: Mutex 'm' used after it was consumed by intoInner/);
  });
});

describe('Mutex: exploration', { timeout: 120_000 }, () => {
  const twoLockers = (useUsing: boolean) =>
    scenario('two lockers', async () => {
      const m = new Mutex(0, { name: 'm' });
      const hs = [0, 1].map((i) =>
        thread.spawn(async () => {
          const g = (await m.lock()).unwrap();
          g.value++;
          if (useUsing) (g as unknown as Record<symbol, () => void>)[DISPOSE]!();
          else await drop(g);
        }, `t${i}`),
      );
      for (const h of hs) (await h.join()).unwrap();
    });

  it.each([false, true])('two threads × lock/unlock explore in exactly 2 executions (using: %s)', async (useUsing) => {
    const r = await exploreScenario(twoLockers(useUsing), exploreOptions());
    expect(r.error).toBeUndefined();
    expect(r.findings).toEqual([]);
    expect(r.complete).toBe(true);
    expect(r.executions).toBe(2);
  });

  it('three threads × lock/unlock: 3! executions', async () => {
    const s = scenario('three lockers', async () => {
      const m = new Mutex(0, { name: 'm' });
      const hs = [0, 1, 2].map((i) => thread.spawn(async () => void (await drop((await m.lock()).unwrap())), `t${i}`));
      for (const h of hs) (await h.join()).unwrap();
    });
    const r = await exploreScenario(s, exploreOptions());
    expect(r.complete).toBe(true);
    expect(r.executions).toBe(6);
  });

  it('isPoisoned is a read of the Mutex: explore orders it against the poisoning unlock', async () => {
    const seen = new Set<boolean>();
    const s = scenario('poisoned?', async () => {
      const m = new Mutex(0, { name: 'm' });
      const h = thread.spawn(async () => {
        await catchUnwind(async () => {
          const g = (await m.lock()).unwrap();
          void g;
          panic('x');
        });
      }, 'p');
      await thread.yieldNow();
      seen.add(m.isPoisoned());
      (await h.join()).unwrap();
    });
    const r = await exploreScenario(s, exploreOptions());
    expect(r.complete).toBe(true);
    expect(seen).toEqual(new Set([false, true]));
  });

  const outcomeSet = (os: Outcome[]) => new Set(os.map((o) => JSON.stringify(o)));
  it.each(['lock', 'tryLock', 'isPoisoned'])('DPOR against brute force: %s', async (what) => {
    const log: { obs: Record<string, unknown[]> } = { obs: {} };
    const s = scenario(what, async () => {
      log.obs = {};
      const m = new Mutex(0, { name: 'm' });
      const n = new Mutex(0, { name: 'n' });
      const worker = (name: string, first: Mutex<number>) =>
        thread.spawn(async () => {
          if (what === 'tryLock') {
            const t = await first.tryLock();
            (log.obs[name] ??= []).push(t.isOk() ? 'ok' : 'busy');
            if (t.isOk()) await drop(t.unwrap());
          } else {
            const g = (await first.lock()).unwrap();
            g.value++;
            (log.obs[name] ??= []).push(g.value);
            if (what === 'isPoisoned') {
              await catchUnwind(() => panic('p'));
            }
            await drop(g);
          }
          if (what === 'isPoisoned') (log.obs[name] ??= []).push(m.isPoisoned());
          const g2 = (await n.lock()).unwrap();
          g2.value++;
          await drop(g2);
        }, name);
      const a = worker('a', m);
      const b = worker('b', m);
      (await a.join()).unwrap();
      (await b.join()).unwrap();
    });
    const brute = await bruteForce(s, () => log.obs, 20_000);
    expect(brute).not.toBeNull();
    for (const target of [1, 4]) {
      const d = await dporSplit(s, target, () => log.obs);
      expect(new Set(d.forms).size).toBe(d.forms.length);
      expect([...d.forms].sort()).toEqual([...new Set(brute!.forms)].sort());
      expect(outcomeSet(d.outcomes)).toEqual(outcomeSet(brute!.outcomes));
    }
  });
});
