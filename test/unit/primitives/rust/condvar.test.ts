/**
 * std::sync::Condvar (src/primitives/rust/condvar.ts): wait/notify, lost notifications, spurious
 * wake-ups as a scheduling choice (found by run and by explore; a `while` loop is complete and clean),
 * timeouts in virtual time, waitWhile/waitTimeoutWhile, two Mutexes, and DPOR against brute force.
 */
import { describe, expect, it } from 'vitest';
import { exploreScenario } from '../../../../src/harness/explore.js';
import { Condvar } from '../../../../src/primitives/rust/condvar.js';
import { spuriousWakeupLimit } from '../../../../src/primitives/rust/guard.js';
import { Mutex } from '../../../../src/primitives/rust/mutex.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { assert, catchUnwind } from '../../../../src/primitives/rust/panic.js';
import { scenario } from '../../../../src/primitives/rust/scenario.js';
import { thread } from '../../../../src/primitives/rust/thread.js';
import { now } from '../../../../src/api/time.js';
import type { Execution } from '../../../../src/runtime/execution.js';
import { bruteForce, dporSplit, exploreOptions, type Outcome } from '../../scheduler/explore-helpers.js';
import { kinds, runRust } from './helpers.js';
import { runS } from '../../../helpers.js';

/** The std docs' example: a worker sets a flag under the Mutex and notifies; main waits in `if` or `while`. */
const started = (loop: 'if' | 'while' | 'waitWhile') =>
  scenario(`condvar ${loop}`, async () => {
    const lock = new Mutex(false, { name: 'lock' });
    const cvar = new Condvar({ name: 'cvar' });
    const worker = thread.spawn(async () => {
      const g = (await lock.lock()).unwrap();
      g.value = true;
      await cvar.notifyOne();
      await drop(g);
    }, 'worker');
    let g = (await lock.lock()).unwrap();
    if (loop === 'if') {
      if (!g.value) g = (await cvar.wait(g)).unwrap();
    } else if (loop === 'while') {
      while (!g.value) g = (await cvar.wait(g)).unwrap();
    } else g = (await cvar.waitWhile(g, (v) => !v)).unwrap();
    assert(g.value, 'woken but not started');
    await drop(g);
    (await worker.join()).unwrap();
  });

describe('Condvar: wait and notify', () => {
  it('`if` around wait is found by run (a spurious wake-up); `while` and waitWhile are clean', async () => {
    expect([...new Set(kinds(await runS(started('if'))))]).toEqual(['assertion']);
    for (const l of ['while', 'waitWhile'] as const) expect(kinds(await runS(started(l)))).toEqual([]);
  });

  it('`if` around wait is found by explore; `while` and waitWhile explore complete and clean', async () => {
    const bad = await exploreScenario(started('if'), exploreOptions());
    expect(bad.findings.map((f) => f.kind)).toEqual(['assertion']);
    for (const l of ['while', 'waitWhile'] as const) {
      const good = await exploreScenario(started(l), exploreOptions());
      expect(good.error).toBeUndefined();
      expect(good.findings).toEqual([]);
      expect(good.complete).toBe(true);
    }
  });

  it('a notification with nobody waiting is lost: deadlock, and the report names the lost notify', async () => {
    const r = await runRust(async () => {
      const lock = new Mutex(null, { name: 'lock' });
      const cvar = new Condvar({ name: 'cvar' });
      const w = thread.spawn(() => cvar.notifyOne(), 'worker');
      (await w.join()).unwrap();
      const g = (await lock.lock()).unwrap();
      await drop((await cvar.wait(g)).unwrap());
    }, { runs: 50 });
    // Every run: a spurious wake-up may let main through once, but it does not loop: then it returns.
    expect(new Set(kinds(r)).has('deadlock')).toBe(true);
    const f = r.findings.find((x) => x.kind === 'deadlock')!;
    expect(f.details!.join('\n')).toMatch(/lost wake-up\? 1 notification of Condvar 'cvar' found nobody waiting/);
    expect(f.details!.join('\n')).toMatch(/notifyOne by 'worker'/);
  });

  it('a thread waiting in a loop with nobody left to notify it is blocked (a spurious wake-up is no way out)', async () => {
    const r = await runRust(async () => {
      const lock = new Mutex(false, { name: 'lock' });
      const cvar = new Condvar({ name: 'cvar' });
      let g = (await lock.lock()).unwrap();
      while (!g.value) g = (await cvar.wait(g)).unwrap();
    }, { runs: 30 });
    expect([...new Set(kinds(r))]).toEqual(['deadlock']);
  });

  it('notifyAll wakes every waiter, notifyOne one (the longest waiting), and neither needs the lock held', async () => {
    const order: string[] = [];
    const r = await runRust(async () => {
      order.length = 0;
      const lock = new Mutex(0, { name: 'lock' });
      const cvar = new Condvar({ name: 'cvar' });
      const waiter = (name: string) =>
        thread.spawn(async () => {
          let g = (await lock.lock()).unwrap();
          g.value++;
          g = (await cvar.waitWhile(g, (v) => v < 100)).unwrap();
          order.push(name);
          await drop(g);
        }, name);
      const hs = [waiter('a'), waiter('b')];
      // Wait until both wait (the count is 2 and the lock free), then release them all.
      for (;;) {
        const g = (await lock.lock()).unwrap();
        const n = g.value;
        if (n === 2) g.value = 100;
        await drop(g);
        if (n === 2) break;
        await thread.yieldNow();
      }
      await cvar.notifyAll();
      for (const h of hs) (await h.join()).unwrap();
    }, { runs: 50 });
    expect(kinds(r)).toEqual([]);
    expect(order.sort()).toEqual(['a', 'b']);
  });

  it('a woken waiter that waits for the holder of its Mutex closes a wait-for cycle at the notify: deadlock at once', async () => {
    const r = await runRust(async () => {
      const l1 = new Mutex(0, { name: 'l1' });
      const l2 = new Mutex(0, { name: 'l2' });
      const cvar = new Condvar({ name: 'cvar' });
      const a = thread.spawn(async () => {
        const g2 = (await l2.lock()).unwrap();
        let g1 = (await l1.lock()).unwrap();
        while (g1.value === 0) g1 = (await cvar.wait(g1)).unwrap();
        await drop(g1);
        await drop(g2);
      }, 'a');
      // Wait until 'a' sleeps in wait (it then holds l2 and has released l1), and take l1.
      let g1 = null;
      while (g1 === null) {
        const t = await l2.tryLock();
        if (t.isOk()) await drop(t.unwrap());
        else {
          const u = await l1.tryLock();
          if (u.isOk()) g1 = u.unwrap();
        }
        if (g1 === null) await thread.yieldNow();
      }
      g1.value = 1;
      // A notifier that then runs on forever: only a wait-for cycle can end this execution early.
      thread.spawn(async () => {
        await cvar.notifyOne(); // 'a' wakes and waits for l1, held by main, which waits for l2, held by 'a'
        for (;;) await thread.yieldNow();
      }, 'c');
      await l2.lock(); // 'a' still sleeps here: no cycle yet
      void a;
    }, { runs: 30, stepLimit: 3000 });
    expect(new Set(kinds(r))).toEqual(new Set(['deadlock']));
    expect(r.findings[0]!.message).toMatch(/wait for each other in a cycle/);
  });

  it('wait consumes the guard: using the old guard after wait is a scenario error', async () => {
    const r = await runRust(async () => {
      const lock = new Mutex(0, { name: 'lock' });
      const cvar = new Condvar({ name: 'cvar' });
      thread.spawn(async () => {
        await cvar.notifyAll();
      }, 'n');
      const g = (await lock.lock()).unwrap();
      const r2 = await cvar.waitTimeout(g, 10);
      void r2;
      return g.value;
    }, { runs: 1 });
    expect(r.error?.message).toMatch(/used after it was moved into Condvar.waitTimeout/);
  });

  it('waiting with two Mutexes on one Condvar panics as std; the guard moved in is dropped (poisoned)', async () => {
    let poisoned: boolean | undefined;
    const r = await runRust(async () => {
      const a = new Mutex(0, { name: 'a' });
      const b = new Mutex(0, { name: 'b' });
      const cvar = new Condvar({ name: 'cvar' });
      (await cvar.waitTimeout((await a.lock()).unwrap(), 5)).unwrap();
      const caught = await catchUnwind(async () => {
        await cvar.waitTimeout((await b.lock()).unwrap(), 5);
      });
      expect(caught.isErr()).toBe(true);
      expect(caught.unwrapErr().message).toBe('attempted to use a condition variable with two mutexes');
      poisoned = b.isPoisoned();
      expect((await b.tryLock()).isErr()).toBe(true); // unlocked, so Poisoned (not WouldBlock)
    }, { runs: 20 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(poisoned).toBe(true);
  });
});

describe('Condvar: timeouts in virtual time', () => {
  it('waitTimeout times out after ms of virtual time when nobody notifies; not when notified first', async () => {
    const seen: string[] = [];
    const r = await runRust(async () => {
      const lock = new Mutex(false, { name: 'lock' });
      const cvar = new Condvar({ name: 'cvar' });
      const g = (await lock.lock()).unwrap();
      const [g2, res] = (await cvar.waitTimeoutWhile(g, 50, (v) => !v)).unwrap();
      seen.push(`${res.timedOut} at ${now()}`);
      await drop(g2);
      const w = thread.spawn(async () => {
        const h = (await lock.lock()).unwrap();
        h.value = true;
        await cvar.notifyOne();
        await drop(h);
      }, 'notifier');
      const g3 = (await lock.lock()).unwrap();
      const [g4, res2] = (await cvar.waitTimeoutWhile(g3, 1000, (v) => !v)).unwrap();
      seen.push(`${res2.timedOut} ${g4.value}`);
      await drop(g4);
      (await w.join()).unwrap();
    }, { runs: 50 });
    expect(kinds(r)).toEqual([]);
    expect(new Set(seen.filter((_, i) => i % 2 === 0))).toEqual(new Set(['true at 50']));
    // The notifier may be slower than the timeout (virtual time may pass at any step): both happen.
    expect(new Set(seen.filter((_, i) => i % 2 === 1))).toEqual(new Set(['false true', 'true false']));
  });

  it('a waitTimeout that may time out is not a deadlock', async () => {
    const r = await runRust(async () => {
      const lock = new Mutex(0, { name: 'lock' });
      const cvar = new Condvar({ name: 'cvar' });
      const [g, res] = (await cvar.waitTimeout((await lock.lock()).unwrap(), 10)).unwrap();
      assert(res.timedOut || true);
      await drop(g);
    }, { runs: 20 });
    expect(kinds(r)).toEqual([]);
  });
});

describe('Condvar: spurious wake-ups', () => {
  it('the limit comes from the execution options (--spurious-wakeups N): default 1 in a row, 0 none, 2 two', async () => {
    // Nobody notifies: main's two waits can only return spuriously, so it reaches the end only with two in a row.
    const twice = scenario('two waits, no notifier', async () => {
      const lock = new Mutex(0, { name: 'lock' });
      const cvar = new Condvar({ name: 'cvar' });
      let g = (await lock.lock()).unwrap();
      g = (await cvar.wait(g)).unwrap();
      g = (await cvar.wait(g)).unwrap();
      assert(false, 'two spurious wake-ups in a row');
    });
    const withLimit = (n: number | undefined) => {
      const o = exploreOptions();
      return exploreScenario(twice, n === undefined ? o : { ...o, run: { ...o.run, spuriousWakeups: n } });
    };
    const found = async (n: number | undefined) => [...new Set(kinds(await withLimit(n)))].sort();
    expect(await found(undefined)).toEqual(['deadlock']);
    expect(await found(0)).toEqual(['deadlock']);
    expect(await found(2)).toEqual(['assertion', 'deadlock']);
    expect(spuriousWakeupLimit({ spuriousWakeups: undefined } as Execution)).toBe(1);
  });
});

/** Small Condvar programs: DPOR (one task and split) explores exactly brute force's traces, each once, with the same outcomes. */
describe('Condvar: DPOR against brute force', { timeout: 120_000 }, () => {
  const outcomeSet = (os: Outcome[]) => new Set(os.map((o) => JSON.stringify(o)));

  const programs: Record<string, (log: Record<string, unknown[]>) => () => Promise<void>> = {
    'flag + while': (log) => async () => {
      const lock = new Mutex(0, { name: 'lock' });
      const cvar = new Condvar({ name: 'cvar' });
      const w = thread.spawn(async () => {
        const g = (await lock.lock()).unwrap();
        g.value = 1;
        await drop(g);
        await cvar.notifyOne();
      }, 'w');
      let g = (await lock.lock()).unwrap();
      let waits = 0;
      while (g.value === 0) {
        g = (await cvar.wait(g)).unwrap();
        waits++;
      }
      (log.main ??= []).push(waits);
      await drop(g);
      (await w.join()).unwrap();
    },
    'two waiters, notifyAll': (log) => async () => {
      const lock = new Mutex(0, { name: 'lock' });
      const cvar = new Condvar({ name: 'cvar' });
      const waiter = (name: string) =>
        thread.spawn(async () => {
          const g = (await cvar.waitWhile((await lock.lock()).unwrap(), (v) => v === 0)).unwrap();
          (log[name] ??= []).push(g.value);
          await drop(g);
        }, name);
      const a = waiter('a');
      const b = waiter('b');
      const g = (await lock.lock()).unwrap();
      g.value = 1;
      await drop(g);
      await cvar.notifyAll();
      (await a.join()).unwrap();
      (await b.join()).unwrap();
    },
    'waitTimeout against a notifier': (log) => async () => {
      const lock = new Mutex(0, { name: 'lock' });
      const cvar = new Condvar({ name: 'cvar' });
      const w = thread.spawn(async () => {
        const g = (await lock.lock()).unwrap();
        g.value = 1;
        await drop(g);
        await cvar.notifyOne();
      }, 'w');
      const [g, res] = (await cvar.waitTimeoutWhile((await lock.lock()).unwrap(), 5, (v) => v === 0)).unwrap();
      (log.main ??= []).push(`${g.value}/${res.timedOut}`);
      await drop(g);
      (await w.join()).unwrap();
    },
    'if around wait': (log) => async () => {
      const lock = new Mutex(0, { name: 'lock' });
      const cvar = new Condvar({ name: 'cvar' });
      const w = thread.spawn(async () => {
        const g = (await lock.lock()).unwrap();
        g.value = 1;
        await cvar.notifyOne();
        await drop(g);
      }, 'w');
      let g = (await lock.lock()).unwrap();
      if (g.value === 0) g = (await cvar.wait(g)).unwrap();
      (log.main ??= []).push(g.value);
      await drop(g);
      (await w.join()).unwrap();
    },
  };

  it.each(Object.keys(programs))('%s', async (name) => {
    const log: { obs: Record<string, unknown[]> } = { obs: {} };
    const body = programs[name]!;
    const s = scenario(name, async () => {
      log.obs = {};
      await body(log.obs)();
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

