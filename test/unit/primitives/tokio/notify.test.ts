import { describe, expect, it } from 'vitest';
import { spawn } from '../../../../src/primitives/tokio/task.js';
import { sleep, timeout } from '../../../../src/primitives/tokio/time.js';
import { select } from '../../../../src/primitives/tokio/select.js';
import { Notify } from '../../../../src/primitives/tokio/notify.js';
import { Barrier } from '../../../../src/primitives/tokio/barrier.js';
import { OnceCell } from '../../../../src/primitives/tokio/once-cell.js';
import { panic } from '../../../../src/primitives/rust/panic.js';
import { now } from '../../../../src/api/time.js';
import { runTokio, kinds } from './helpers.js';

const synctest = { timeMode: 'synctest' as const };

describe('tokio Notify', () => {
  it('notifyOne with nobody waiting stores one permit (at most one)', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const n = new Notify({ name: 'n' });
      n.notifyOne();
      n.notifyOne(); // still one permit
      await n.notified(); // takes it at once
      got.push(now());
      got.push(String(await timeout(5, () => n.notified())));
    }, { runs: 5, ...synctest });
    expect(r.error).toBeUndefined();
    expect(got).toEqual([0, 'Err(Elapsed(()))']);
  });

  it('notifyWaiters wakes every waiter and stores nothing; a notified() made before it counts', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const n = new Notify({ name: 'n' });
      const hs = ['a', 'b'].map((x) => spawn(async () => void (await n.notified()), x));
      await sleep(1);
      const early = n.notified(); // made, not yet awaited
      n.notifyWaiters();
      for (const h of hs) (await h.join()).unwrap();
      await early;
      got.push('woken');
      got.push(String(await timeout(5, () => n.notified())));
    }, { runs: 10, ...synctest });
    expect(r.error).toBeUndefined();
    expect(got).toEqual(['woken', 'Err(Elapsed(()))']);
  });

  it('notifyWaiters before the waiter waits is lost: deadlock (the lost wake-up)', async () => {
    const r = await runTokio(async () => {
      const n = new Notify({ name: 'n' });
      const w = spawn(async () => {
        await sleep(1);
        await n.notified();
      }, 'waiter');
      n.notifyWaiters();
      await w.join();
    }, { runs: 10 });
    expect(kinds(r)).toEqual(['deadlock']);
  });

  it('notifyOne wakes waiters in FIFO order; a woken notified() that loses a select passes the notification on', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const n = new Notify({ name: 'n' });
      const a = spawn(async () => {
        await n.notified();
        got.push('a');
      }, 'a');
      await sleep(1);
      const b = spawn(async () => {
        await n.notified();
        got.push('b');
      }, 'b');
      await sleep(1);
      n.notifyOne();
      await a.join();
      n.notifyOne();
      await b.join();
      // A notified() that loses a select after it was notified passes the permit on.
      n.notifyOne();
      const s = await select([sleep(0), n.notifiedBranch()], { biased: true });
      got.push(s.index);
      await n.notified(); // the permit it did not consume
      got.push('kept');
    }, { runs: 10, ...synctest });
    expect(r.error).toBeUndefined();
    expect(got).toEqual(['a', 'b', 0, 'kept']);
  });
});

describe('tokio Barrier', () => {
  it('releases n tasks at once with exactly one leader per generation; reusable', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const b = new Barrier(3, { name: 'b' });
      let leaders = 0;
      let arrived = 0;
      const hs = [0, 1, 2].map((i) =>
        spawn(async () => {
          for (let round = 0; round < 2; round++) {
            arrived++;
            const w = await b.wait();
            if (arrived < 3 * (round + 1)) panic(`released early: ${arrived}`);
            if (w.isLeader) leaders++;
          }
        }, `t${i}`),
      );
      for (const h of hs) (await h.join()).unwrap();
      got.push(leaders);
    }, { runs: 40 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual([2]);
  });

  it('too few tasks: deadlock', async () => {
    const r = await runTokio(async () => {
      const b = new Barrier(2, { name: 'b' });
      await b.wait();
    });
    expect(kinds(r)).toEqual(['deadlock']);
  });
});

describe('tokio OnceCell', () => {
  it('getOrInit: one initialiser runs, the others wait and get its value; get and set', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const c = new OnceCell<string>({ name: 'c' });
      let runs = 0;
      const hs = ['a', 'b', 'c'].map((x) =>
        spawn(async () => c.getOrInit(async () => {
          runs++;
          await sleep(1);
          return `from ${x}`;
        }), x),
      );
      const vs = new Set<string>();
      for (const h of hs) vs.add((await h.join()).unwrap());
      got.push(runs, vs.size, c.get() === [...vs][0], c.set('x').unwrapErr().kind);
    }, { runs: 40 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual([1, 1, true, 'AlreadyInitializedError']);
  });

  it('an initialiser cancelled by a timeout lets the next waiter initialise; set while initialising errs', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const c = new OnceCell<string>({ name: 'c' });
      const slow = spawn(async () => timeout(5, async () => c.getOrInit(async () => {
        await sleep(100);
        return 'slow';
      })), 'slow');
      await sleep(1);
      got.push(c.set('x').unwrapErr().kind, c.get());
      const fast = spawn(async () => c.getOrInit(async () => 'fast'), 'fast');
      got.push(String((await slow.join()).unwrap()), (await fast.join()).unwrap(), now());
    }, { runs: 20, ...synctest });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual(['InitializingError', undefined, 'Err(Elapsed(()))', 'fast', 5]);
  });

  it('a lazy init checked by hand (get, then set) races: two initialisers (the test can fail)', async () => {
    const r = await runTokio(async () => {
      const c = new OnceCell<number>({ name: 'c' });
      let runs = 0;
      const init = async () => {
        if (c.get() === undefined) {
          await sleep(1); // the slow init
          runs++;
          c.set(runs); // the loser's set errs, ignored
        }
      };
      const a = spawn(init, 'a');
      const b = spawn(init, 'b');
      await a.join();
      await b.join();
      if (runs !== 1) panic(`initialised ${runs} times`);
    }, { runs: 40 });
    expect(kinds(r)).toEqual(['panic']);
  });
});
