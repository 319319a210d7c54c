import { describe, expect, it } from 'vitest';
import { spawn, JoinSet } from '../../../../src/primitives/tokio/task.js';
import { sleep, timeout } from '../../../../src/primitives/tokio/time.js';
import { select } from '../../../../src/primitives/tokio/select.js';
import { Semaphore } from '../../../../src/primitives/tokio/semaphore.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { assert } from '../../../../src/primitives/rust/panic.js';
import { now } from '../../../../src/api/time.js';
import { runTokio, kinds } from './helpers.js';

const synctest = { timeMode: 'synctest' as const };

describe('tokio Semaphore', () => {
  it('bounds the tasks in flight; dropping a permit (drop, or the task\'s end) releases it', async () => {
    const r = await runTokio(async () => {
      const sem = new Semaphore(2, { name: 's' });
      let inFlight = 0;
      const set = new JoinSet<void>();
      for (let i = 0; i < 4; i++) {
        set.spawn(async () => {
          const p = (await sem.acquire()).unwrap();
          inFlight++;
          assert(inFlight <= 2, `${inFlight} in flight`);
          await sleep(1);
          inFlight--;
          if (i % 2 === 0) await drop(p); // else dropped at the task's end
        }, `t${i}`);
      }
      while ((await set.joinNext()) !== undefined);
      assert(sem.availablePermits() === 2, 'permits lost');
    }, { runs: 40 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('the bound checked with the wrong count lets three in (the test can fail)', async () => {
    const r = await runTokio(async () => {
      const sem = new Semaphore(3, { name: 's' }); // BUG: the bound is 2
      let inFlight = 0;
      const hs = [0, 1, 2].map((i) =>
        spawn(async () => {
          const p = (await sem.acquire()).unwrap();
          inFlight++;
          assert(inFlight <= 2, `${inFlight} in flight`);
          await sleep(1);
          inFlight--;
          await drop(p);
        }, `t${i}`),
      );
      for (const h of hs) (await h.join()).unwrap();
    }, { runs: 40 });
    expect(kinds(r)).toEqual(['assertion']);
  });

  it('FIFO: a large request is served before later small ones; tryAcquire fails while it waits', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const sem = new Semaphore(1, { name: 's' });
      const p1 = (await sem.acquire()).unwrap();
      const big = spawn(async () => {
        const p = (await sem.acquire(2)).unwrap();
        got.push(`big ${p.numPermits()}`);
        await drop(p);
      }, 'big');
      await sleep(1);
      const small = spawn(async () => {
        const p = (await sem.acquire()).unwrap();
        got.push('small');
        await drop(p);
      }, 'small');
      await sleep(1);
      got.push(String((await sem.tryAcquire()).unwrapErr().kind));
      sem.addPermits(1); // big now has 2 (1 added + the one p1 gives back below)
      await drop(p1);
      await big.join();
      await small.join();
      got.push(sem.availablePermits());
    }, { runs: 30, ...synctest });
    expect(r.error).toBeUndefined();
    expect(got).toEqual(['NoPermits', 'big 2', 'small', 2]);
  });

  it('close wakes waiters with Err(AcquireError); tryAcquire then says Closed', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const sem = new Semaphore(0, { name: 's' });
      const w = spawn(async () => String(await sem.acquire()), 'w');
      await sleep(1);
      sem.close();
      got.push((await w.join()).unwrap(), (await sem.tryAcquire()).unwrapErr().kind, sem.isClosed());
    }, { runs: 10, ...synctest });
    expect(r.error).toBeUndefined();
    expect(got).toEqual(['Err(AcquireError(Closed))', 'Closed', true]);
  });

  it('an acquire cancelled by a timeout or a select leaves the queue and hands on its permits; forget loses them', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const sem = new Semaphore(1, { name: 's' });
      const p = (await sem.acquire()).unwrap();
      got.push(String(await timeout(2, () => sem.acquire())));
      const s = await select([sem.acquireBranch(), sleep(1)], { biased: true });
      got.push(s.index, now());
      await drop(p);
      const q = (await sem.acquire()).unwrap();
      q.forget();
      got.push(sem.availablePermits());
    }, { runs: 10, ...synctest });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual(['Err(Elapsed(()))', 1, 3, 0]);
  });

  it('a waiter that never gets a permit: deadlock', async () => {
    const r = await runTokio(async () => {
      const sem = new Semaphore(1, { name: 's' });
      const p = (await sem.acquire()).unwrap();
      await sem.acquire();
      void p;
    });
    expect(kinds(r)).toEqual(['deadlock']);
  });

  it('acquire(0) and tryAcquire(0) are ready at once even while a task waits (tokio compares with the free permits)', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const sem = new Semaphore(0, { name: 's' });
      const w = spawn(async () => {
        const p = (await sem.acquire(1)).unwrap();
        await drop(p);
      }, 'w');
      await sleep(1); // 'w' queued (synctest: it ran first)
      const z = sem.tryAcquire(0);
      const a = (await sem.acquire(0)).unwrap();
      got.push(z.isOk(), a.numPermits(), sem.tryAcquire(1).isErr());
      await drop(z.unwrap());
      await drop(a);
      sem.addPermits(1);
      await w.join();
    }, { runs: 20, ...synctest });
    expect(r.error?.message).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual([true, 0, true]);
  });
});
