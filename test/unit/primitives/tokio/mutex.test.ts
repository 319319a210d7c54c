import { describe, expect, it } from 'vitest';
import { spawn } from '../../../../src/primitives/tokio/task.js';
import { sleep, timeout } from '../../../../src/primitives/tokio/time.js';
import { select } from '../../../../src/primitives/tokio/select.js';
import { Mutex } from '../../../../src/primitives/tokio/mutex.js';
import { RwLock } from '../../../../src/primitives/tokio/rwlock.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { assert } from '../../../../src/primitives/rust/panic.js';
import { now } from '../../../../src/api/time.js';
import { runTokio, kinds } from './helpers.js';

const synctest = { timeMode: 'synctest' as const };

describe('tokio Mutex', () => {
  it('a guard held across an await; .value; drop unlocks; no Result', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const m = new Mutex(0, { name: 'm' });
      const hs = [0, 1].map((i) =>
        spawn(async () => {
          const g = await m.lock();
          const v = g.value;
          await sleep(5); // held across an await: the other waits
          g.value = v + 1;
          await drop(g);
        }, `w${i}`),
      );
      for (const h of hs) (await h.join()).unwrap();
      const g = await m.lock();
      got.push(g.value);
    }, { runs: 30 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual([2]);
  });

  it('FIFO: waiters get the lock in the order they queued, and tryLock cannot barge while one waits', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const m = new Mutex<string[]>([], { name: 'm' });
      const g = await m.lock();
      const hs = ['a', 'b', 'c'].map((n, i) =>
        spawn(async () => {
          await sleep(i + 1);
          const g2 = await m.lock();
          g2.value.push(n);
          await drop(g2);
        }, n),
      );
      await sleep(10);
      await drop(g); // hands the lock to 'a'
      got.push(String((await m.tryLock()).isErr()));
      for (const h of hs) await h.join();
      got.push((await m.lock()).value.join(''));
    }, { runs: 30, ...synctest });
    expect(r.error).toBeUndefined();
    expect(got).toEqual(['true', 'abc']);
  });

  it('a lock cancelled by a timeout leaves the queue; one cancelled after the hand-off passes the lock on', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const m = new Mutex(0, { name: 'm' });
      const g = await m.lock();
      const late = spawn(async () => {
        const x = await timeout(5, () => m.lock());
        got.push(`late ${x.isErr() ? 'gave up' : 'locked'}`);
      }, 'late');
      const next = spawn(async () => {
        await sleep(1);
        const g2 = await m.lock();
        got.push(`next ${now()}`);
        await drop(g2);
      }, 'next');
      await late.join();
      await sleep(10);
      await drop(g);
      await next.join();
      const s = await select([m.lock(), sleep(0)], { biased: true });
      got.push(`select ${s.index}`);
    }, { runs: 20, ...synctest });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual(['late gave up', 'next 15', 'select 0']);
  });

  it('locking a Mutex whose guard the task holds is a double-lock; tryLock then errs', async () => {
    const r = await runTokio(async () => {
      const m = new Mutex(0, { name: 'm' });
      const g = await m.lock();
      if ((await m.tryLock()).isOk()) throw new Error('tryLock should fail');
      await m.lock();
      void g;
    });
    expect(kinds(r)).toEqual(['double-lock']);
  });

  it('two tasks locking two Mutexes in opposite orders: deadlock (and lock-order inversion)', async () => {
    const r = await runTokio(async () => {
      const a = new Mutex(0, { name: 'a' });
      const b = new Mutex(0, { name: 'b' });
      const t1 = spawn(async () => {
        const ga = await a.lock();
        await sleep(1);
        const gb = await b.lock();
        await drop(gb);
        await drop(ga);
      }, 't1');
      const t2 = spawn(async () => {
        const gb = await b.lock();
        await sleep(1);
        const ga = await a.lock();
        await drop(ga);
        await drop(gb);
      }, 't2');
      await t1.join();
      await t2.join();
    }, { runs: 50, ...synctest });
    expect(['deadlock', 'lock-order-inversion']).toContain(kinds(r)[0]);
  });

  it('an aborted task waiting for the lock leaves the queue; a task aborted while holding the guard drops it', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const m = new Mutex(0, { name: 'm' });
      const holder = spawn(async () => {
        const g = await m.lock();
        await sleep(100);
        void g;
      }, 'holder');
      await sleep(1);
      const waiter = spawn(async () => {
        await m.lock();
      }, 'waiter');
      await sleep(1);
      waiter.abort();
      holder.abort();
      got.push(String(await waiter.join()), String(await holder.join()));
      const g = await m.lock();
      got.push(g.value, now());
    }, { runs: 20, ...synctest });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual(['Err(JoinError::Cancelled(Id(2)))', 'Err(JoinError::Cancelled(Id(1)))', 0, 2]);
  });

  it('using releases at the end of the block', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const m = new Mutex(1, { name: 'm' });
      {
        using g = await m.lock();
        g.value = 2;
      }
      got.push((await m.tryLock()).unwrap().value);
    });
    expect(r.error).toBeUndefined();
    expect(got).toEqual([2]);
  });

  it('without the lock, the increment across an await loses an update (the test can fail)', async () => {
    const r = await runTokio(async () => {
      const m = new Mutex(0, { name: 'm' });
      const hs = [0, 1].map((i) =>
        spawn(async () => {
          const g = await m.lock();
          const v = g.value;
          await drop(g); // BUG: released before the write
          await sleep(1);
          const g2 = await m.lock();
          g2.value = v + 1;
          await drop(g2);
        }, `w${i}`),
      );
      for (const h of hs) await h.join();
      assert((await m.lock()).value === 2, 'lost update');
    }, { runs: 50 });
    expect(kinds(r)).toEqual(['assertion']);
  });
});

describe('tokio RwLock', () => {
  it('many readers at once, one writer; a waiting writer blocks later readers (FIFO)', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const l = new RwLock<string[]>([], { name: 'l' });
      const r1 = await l.read();
      const r2 = await l.read(); // two readers at once
      const w = spawn(async () => {
        const g = await l.write();
        g.value.push('w');
        await drop(g);
      }, 'writer');
      await sleep(1); // the writer queues
      const reader = spawn(async () => {
        const g = await l.read();
        g.value.push('r');
        await drop(g);
      }, 'reader');
      await sleep(1);
      got.push(String((await l.tryRead()).isErr()));
      await drop(r1);
      await drop(r2);
      await w.join();
      await reader.join();
      got.push((await l.read()).value.join(''));
    }, { runs: 30, ...synctest });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual(['true', 'wr']);
  });

  it('tryWrite fails while read; a read cancelled by select leaves the queue', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const l = new RwLock(0, { name: 'l' });
      const g = await l.write();
      const t = spawn(async () => {
        const s = await select([l.read(), sleep(3)]);
        got.push(`select ${s.index}`);
      }, 't');
      await t.join();
      g.value = 7;
      await drop(g);
      const rd = await l.read();
      got.push(String((await l.tryWrite()).isErr()), rd.value);
      await drop(rd);
      got.push(String((await l.tryWrite()).isOk()));
    }, { runs: 20, ...synctest });
    expect(r.error).toBeUndefined();
    expect(got).toEqual(['select 1', 'true', 7, 'true']);
  });

  it('a task holding a read guard that asks to write is a double-lock', async () => {
    const r = await runTokio(async () => {
      const l = new RwLock(0, { name: 'l' });
      const g = await l.read();
      await l.write();
      void g;
    });
    expect(kinds(r)).toEqual(['double-lock']);
  });
});
