/**
 * The footprints of tokio::sync's locks and signals against brute force (as dpor.test.ts does for the
 * foundation): DPOR explores the same Mazurkiewicz traces as plain DFS over every schedule, each once,
 * and sees the same outcomes — a lock cancelled by a timeout, Notify's stored permit, FIFO hand-offs.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../../../../src/primitives/tokio/scenario.js';
import { spawn } from '../../../../src/primitives/tokio/task.js';
import { sleep, timeout } from '../../../../src/primitives/tokio/time.js';
import { select } from '../../../../src/primitives/tokio/select.js';
import { Mutex } from '../../../../src/primitives/tokio/mutex.js';
import { RwLock } from '../../../../src/primitives/tokio/rwlock.js';
import { Semaphore } from '../../../../src/primitives/tokio/semaphore.js';
import { Notify } from '../../../../src/primitives/tokio/notify.js';
import { Barrier } from '../../../../src/primitives/tokio/barrier.js';
import { OnceCell } from '../../../../src/primitives/tokio/once-cell.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { bruteForce, dporSplit, outcomeSet, loggedProgram } from '../../scheduler/explore-helpers.js';

const prog = (name: string, body: (see: (who: string, v: unknown) => void) => Promise<unknown>) => loggedProgram(scenario, name, body);


const programs: [string, ReturnType<typeof prog>][] = [
  [
    'two tasks and main locking one Mutex (FIFO hand-off), tryLock against them',
    prog('s1', async (see) => {
      const m = new Mutex<string[]>([]);
      const hs = ['a', 'b'].map((x) =>
        spawn(async () => {
          const g = await m.lock();
          g.value.push(x);
          await drop(g);
        }, x),
      );
      const t = await m.tryLock();
      see('main', t.isOk());
      if (t.isOk()) await drop(t.value);
      for (const h of hs) await h.join();
      see('main', (await m.lock()).value.join(''));
    }),
  ],
  [
    'a lock cancelled by a timeout against the holder\'s unlock',
    prog('s2', async (see) => {
      const m = new Mutex(0);
      const g = await m.lock();
      const w = spawn(async () => {
        const r = await timeout(1, () => m.lock());
        see('w', r.isOk());
      }, 'w');
      await sleep(1);
      await drop(g);
      see('main', (await m.tryLock()).isOk());
      await w.join();
    }),
  ],
  [
    'Notify: notifyOne (a stored permit) against notifyWaiters and two waiters',
    prog('s3', async (see) => {
      const n = new Notify();
      const a = spawn(async () => {
        n.notifyOne();
      }, 'a');
      const b = spawn(async () => {
        n.notifyWaiters();
      }, 'b');
      const c = spawn(async () => {
        await n.notified();
        see('c', 'woken');
      }, 'c');
      await n.notified();
      see('main', 'woken');
      await a.join();
      await b.join();
      await c.join();
    }),
  ],
  [
    'Notify: a notified() that loses a select to a sleep passes its notification on',
    prog('s3b', async (see) => {
      const n = new Notify();
      const a = spawn(async () => {
        n.notifyOne();
      }, 'a');
      const s = await select([n.notifiedBranch(), sleep(1)]);
      see('main', s.index);
      await a.join();
      see('main', String(await timeout(0, () => n.notified())));
    }),
  ],
  [
    'Semaphore: two tasks acquiring against a close and availablePermits',
    prog('s4', async (see) => {
      const sem = new Semaphore(1);
      const hs = ['a', 'b'].map((x) =>
        spawn(async () => {
          const r = await sem.acquire();
          see(x, r.isOk());
          if (r.isOk()) await drop(r.value);
        }, x),
      );
      see('main', sem.availablePermits());
      sem.close();
      for (const h of hs) await h.join();
    }),
  ],
  [
    'RwLock: a reader and a writer against tryRead',
    prog('s5', async (see) => {
      const l = new RwLock(0);
      const w = spawn(async () => {
        const g = await l.write();
        g.value = 1;
        await drop(g);
      }, 'w');
      const r = spawn(async () => {
        const g = await l.read();
        see('r', g.value);
        await drop(g);
      }, 'r');
      const t = await l.tryRead();
      see('main', t.isOk() ? t.value.value : 'busy');
      if (t.isOk()) await drop(t.value);
      await w.join();
      await r.join();
    }),
  ],
  [
    'Barrier(2) of two tasks, and OnceCell.getOrInit by two tasks',
    prog('s6', async (see) => {
      const b = new Barrier(2);
      const c = new OnceCell<string>();
      const hs = ['a', 'b'].map((x) =>
        spawn(async () => {
          const v = await c.getOrInit(async () => x);
          see(x, v);
          see(x, (await b.wait()).isLeader);
        }, x),
      );
      for (const h of hs) await h.join();
      see('main', c.get());
    }),
  ],
  // The try-locks are synchronous (tokio's try_*): each runs in its task's code, a read of the lock when
  // it fails and a write when it takes, noted for the step whose continuation ran it.
  [
    'Semaphore: Rust-style tryAcquire in two tasks and main against an acquire and drops',
    prog('s7', async (see) => {
      const sem = new Semaphore(1);
      const a = spawn(async () => {
        const r = sem.tryAcquire();
        see('a', r.isOk());
        if (r.isOk()) await drop(r.value);
      }, 'a');
      const b = spawn(async () => {
        const r = (await sem.acquire()).unwrap();
        await drop(r);
        const t = sem.tryAcquire();
        see('b', t.isOk());
        if (t.isOk()) await drop(t.value);
      }, 'b');
      const t = sem.tryAcquire();
      see('main', t.isOk());
      if (t.isOk()) await drop(t.value);
      await a.join();
      await b.join();
    }),
  ],
  [
    'Mutex: a tryLock in the continuation of a notified() against the holder\'s drop',
    prog('s8', async (see) => {
      const m = new Mutex(0);
      const n = new Notify();
      const a = spawn(async () => {
        await n.notified();
        const g = m.tryLock();
        see('a', g.isOk());
        if (g.isOk()) await drop(g.value);
      }, 'a');
      const b = spawn(async () => {
        const g = await m.lock();
        n.notifyOne();
        await drop(g);
        see('b', m.tryLock().isOk());
      }, 'b');
      await a.join();
      await b.join();
    }),
  ],
  [
    'RwLock: Rust-style tryWrite and tryRead against a read',
    prog('s9', async (see) => {
      const l = new RwLock(0);
      const w = spawn(async () => {
        const g = l.tryWrite();
        see('w', g.isOk());
        if (g.isOk()) {
          g.value.value = 1;
          await drop(g.value);
        }
      }, 'w');
      const r = spawn(async () => {
        const g = await l.read();
        see('r', g.value);
        await drop(g);
        const t = l.tryRead();
        see('r', t.isOk());
        if (t.isOk()) await drop(t.value);
      }, 'r');
      await w.join();
      await r.join();
      see('main', l.tryWrite().isOk());
    }),
  ],
];

describe('tokio::sync: DPOR against brute force', { timeout: 120_000 }, () => {
  it.each(programs)('%s: the same traces, each once, and the same outcomes', async (_name, p) => {
    const brute = await bruteForce(p.s, p.log, 20_000);
    expect(brute).not.toBeNull();
    // A program that ends in a scenario error explores nothing worth comparing.
    expect(brute!.outcomes.filter((o) => o.findings.includes('error:')).map((o) => o.findings)).toEqual([]);
    const d = await dporSplit(p.s, 1, p.log);
    expect(new Set(d.forms).size).toBe(d.forms.length);
    expect([...d.forms].sort()).toEqual([...new Set(brute!.forms)].sort());
    expect(outcomeSet(d.outcomes)).toEqual(outcomeSet(brute!.outcomes));
  });
});
