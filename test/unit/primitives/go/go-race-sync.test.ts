/**
 * Go's race-detector tests for sync and sync/atomic (runtime/race/testdata: mutex_test.go,
 * rwmutex_test.go, sync_test.go, atomic_test.go), ported in spirit to simcc: a TestNoRace… must
 * report nothing on any schedule, a TestRace… must report a data race (on some schedule of the run).
 * `x = v` is a write of a shared variable, `_ = x` a read; `ch := make(chan bool, n)` a Channel.
 * Not ported: tests that overwrite a sync value in place (TestRaceMutexOverwrite) and tests of
 * plain accesses to an atomic's memory other than a plain read, which the contract cannot express.
 */
import { describe, expect, it } from 'vitest';
import {
  go,
  yieldNow,
  sleep,
  shared,
  Mutex,
  RWMutex,
  Cond,
  Once,
  AtomicInt,
  AtomicValue,
  Channel,
  copyValue,
} from '../../../../src/index.js';
import { run, kinds } from '../../../helpers.js';

async function noRace(body: () => Promise<void>): Promise<void> {
  const r = await run(body, { runs: 300 });
  expect(r.error).toBeUndefined();
  expect(kinds(r)).toEqual([]);
}

async function race(body: () => Promise<void>): Promise<void> {
  const r = await run(body, { runs: 300 });
  expect(r.error).toBeUndefined();
  expect(kinds(r)).toEqual(['data-race']);
}

describe('mutex_test.go', () => {
  it('TestNoRaceMutex', () =>
    noRace(async () => {
      const mu = new Mutex();
      const x = shared('x', 0);
      const ch = new Channel<boolean>(2);
      go(async () => {
        await mu.lock();
        await x.write(1);
        await mu.unlock();
        await ch.send(true);
      });
      go(async () => {
        await mu.lock();
        await x.write(2);
        await mu.unlock();
        await ch.send(true);
      });
      await ch.recv();
      await ch.recv();
    }));

  it('TestRaceMutex', () =>
    race(async () => {
      const mu = new Mutex();
      const x = shared('x', 0);
      const ch = new Channel<boolean>(2);
      go(async () => {
        await x.write(1);
        await mu.lock();
        await mu.unlock();
        await ch.send(true);
      });
      go(async () => {
        await x.write(2);
        await mu.lock();
        await mu.unlock();
        await ch.send(true);
      });
      await ch.recv();
      await ch.recv();
    }));

  it('TestRaceMutex2', () =>
    race(async () => {
      const mu1 = new Mutex();
      const mu2 = new Mutex();
      const x = shared('x', 0);
      const ch = new Channel<boolean>(2);
      go(async () => {
        await mu1.lock();
        await x.write(1);
        await mu1.unlock();
        await ch.send(true);
      });
      go(async () => {
        await mu2.lock();
        await x.write(2);
        await mu2.unlock();
        await ch.send(true);
      });
      await ch.recv();
      await ch.recv();
    }));

  it('TestNoRaceMutexPureHappensBefore', () =>
    noRace(async () => {
      const mu = new Mutex();
      const x = shared('x', 0);
      let written = false; // read and written only under mu
      const ch = new Channel<boolean>(2);
      go(async () => {
        await x.write(1);
        await mu.lock();
        written = true;
        await mu.unlock();
        await ch.send(true);
      });
      go(async () => {
        await sleep(0.1);
        await mu.lock();
        while (!written) {
          await mu.unlock();
          await sleep(0.1);
          await mu.lock();
        }
        await mu.unlock();
        await x.write(1);
        await ch.send(true);
      });
      await ch.recv();
      await ch.recv();
    }));

  it('TestNoRaceMutexSemaphore', () =>
    noRace(async () => {
      const mu = new Mutex();
      const ch = new Channel<boolean>(2);
      const x = shared('x', 0);
      await mu.lock();
      go(async () => {
        await x.write(1);
        await mu.unlock();
        await ch.send(true);
      });
      go(async () => {
        await mu.lock();
        await x.write(2);
        await mu.unlock();
        await ch.send(true);
      });
      await ch.recv();
      await ch.recv();
    }));

  // Go's Mutex has no owner: main locks twice and another goroutine unlocks in between (the
  // example of the Go memory model), so the second lock is not a double lock.
  it('TestNoRaceMutexExampleFromHtml', () =>
    noRace(async () => {
      const l = new Mutex();
      const a = shared('a', '');
      await l.lock();
      go(async () => {
        await a.write('hello, world');
        await l.unlock();
      });
      await l.lock();
      await a.read();
    }));
});

describe('rwmutex_test.go', () => {
  it('TestRaceMutexRWMutex', () =>
    race(async () => {
      const mu1 = new Mutex();
      const mu2 = new RWMutex();
      const x = shared('x', 0);
      const ch = new Channel<boolean>(2);
      go(async () => {
        await mu1.lock();
        await x.write(1);
        await mu1.unlock();
        await ch.send(true);
      });
      go(async () => {
        await mu2.lock();
        await x.write(2);
        await mu2.unlock();
        await ch.send(true);
      });
      await ch.recv();
      await ch.recv();
    }));

  it('TestNoRaceRWMutex', () =>
    noRace(async () => {
      const mu = new RWMutex();
      const x = shared('x', 0);
      const y = shared('y', 1);
      const ch = new Channel<boolean>();
      go(async () => {
        await mu.lock();
        await x.write(2);
        await mu.unlock();
        await ch.send(true);
      });
      await mu.rLock();
      await y.write(await x.read());
      await mu.rUnlock();
      await ch.recv();
    }));

  it('TestRaceRWMutexMultipleReaders', () =>
    race(async () => {
      const mu = new RWMutex();
      const x = shared('x', 0);
      const y = shared('y', 1);
      const ch = new Channel<boolean>(3);
      go(async () => {
        await mu.lock();
        await x.write(2);
        await mu.unlock();
        await ch.send(true);
      });
      go(async () => {
        await mu.rLock();
        await y.write((await x.read()) + 1);
        await mu.rUnlock();
        await ch.send(true);
      });
      go(async () => {
        await mu.rLock();
        await y.write((await x.read()) + 2);
        await mu.rUnlock();
        await ch.send(true);
      });
      await ch.recv();
      await ch.recv();
      await ch.recv();
    }));

  it('TestNoRaceRWMutexMultipleReaders', () =>
    noRace(async () => {
      const mu = new RWMutex();
      const x = shared('x', 0);
      const ch = new Channel<boolean>(3);
      go(async () => {
        await mu.lock();
        await x.write(2);
        await mu.unlock();
        await ch.send(true);
      });
      for (const d of [1, 2]) {
        go(async () => {
          await mu.rLock();
          const y = (await x.read()) + d;
          void y;
          await mu.rUnlock();
          await ch.send(true);
        });
      }
      await ch.recv();
      await ch.recv();
      await ch.recv();
    }));

  it('TestNoRaceRWMutexTransitive', () =>
    noRace(async () => {
      const mu = new RWMutex();
      const x = shared('x', 0);
      const ch = new Channel<boolean>(2);
      go(async () => {
        await mu.rLock();
        await x.read();
        await mu.rUnlock();
        await mu.lock();
        await x.write(1);
        await mu.unlock();
        await ch.send(true);
      });
      go(async () => {
        await mu.rLock();
        await x.read();
        await mu.rUnlock();
        await ch.send(true);
      });
      await ch.recv();
      await ch.recv();
      await mu.lock();
      await x.write(2);
      await mu.unlock();
    }));

  it('TestRaceRWMutexWriteUnderRLock (Docker 36840)', () =>
    race(async () => {
      const mu = new RWMutex();
      const x = shared('x', 0);
      const ch = new Channel<boolean>(2);
      for (let i = 0; i < 2; i++) {
        go(async () => {
          await mu.rLock();
          await x.update((v) => v + 1);
          await mu.rUnlock();
          await ch.send(true);
        });
      }
      await ch.recv();
      await ch.recv();
    }));
});

describe('sync_test.go', () => {
  it('TestNoRaceCond', () =>
    noRace(async () => {
      const x = shared('x', 0);
      let condition = 0; // under mu
      const mu = new Mutex();
      const cond = new Cond(mu);
      go(async () => {
        await x.write(1);
        await mu.lock();
        condition = 1;
        await cond.signal();
        await mu.unlock();
      });
      await mu.lock();
      while (condition !== 1) await cond.wait();
      await mu.unlock();
      await x.write(2);
    }));

  it('TestRaceCond', () =>
    race(async () => {
      const done = new Channel<boolean>();
      const mu = new Mutex();
      const cond = new Cond(mu);
      const x = shared('x', 0);
      let condition = 0;
      go(async () => {
        await sleep(10); // enter the cond.Wait loop
        await x.write(1);
        await mu.lock();
        condition = 1;
        await cond.signal();
        await mu.unlock();
        await sleep(10); // exit the cond.Wait loop
        await mu.lock();
        await x.write(3);
        await mu.unlock();
        await done.send(true);
      });
      await mu.lock();
      while (condition !== 1) await cond.wait();
      await mu.unlock();
      await x.write(2);
      await done.recv();
    }));

  it('TestNoRaceOnce', () =>
    noRace(async () => {
      const once = new Once();
      const x = shared('x', 0);
      const ch = new Channel<boolean>(3);
      for (let i = 0; i < 3; i++) {
        go(async () => {
          await once.do(() => x.write(1));
          await x.read();
          await ch.send(true);
        });
      }
      for (let i = 0; i < 3; i++) await ch.recv();
    }));

  it('TestRaceOnce (a reader that skips Do)', () =>
    race(async () => {
      const once = new Once();
      const x = shared('x', 0);
      const ch = new Channel<boolean>(2);
      go(async () => {
        await once.do(() => x.write(1));
        await ch.send(true);
      });
      go(async () => {
        await x.read();
        await ch.send(true);
      });
      await ch.recv();
      await ch.recv();
    }));
});

describe('atomic_test.go', () => {
  it('TestNoRaceAtomicAddInt64', () =>
    noRace(async () => {
      const x1 = shared('x1', 0);
      const x2 = shared('x2', 0);
      const s = new AtomicInt(0, 's');
      const ch = new Channel<boolean>(2);
      go(async () => {
        await x1.write(1);
        if ((await s.add(1)) === 2) await x2.write(1);
        await ch.send(true);
      });
      go(async () => {
        await x2.write(1);
        if ((await s.add(1)) === 2) await x1.write(1);
        await ch.send(true);
      });
      await ch.recv();
      await ch.recv();
    }));

  it('TestRaceAtomicAddInt64', () =>
    race(async () => {
      const x1 = shared('x1', 0);
      const x2 = shared('x2', 0);
      const s = new AtomicInt(0, 's');
      const ch = new Channel<boolean>(2);
      go(async () => {
        await x1.write(1);
        if ((await s.add(1)) === 1) await x2.write(1);
        await ch.send(true);
      });
      go(async () => {
        await x2.write(1);
        if ((await s.add(1)) === 1) await x1.write(1);
        await ch.send(true);
      });
      await ch.recv();
      await ch.recv();
    }));

  it('TestNoRaceAtomicLoadAddInt32', () =>
    noRace(async () => {
      const x = shared('x', 0);
      const s = new AtomicInt(0, 's');
      go(async () => {
        await x.write(2);
        await s.add(1);
      });
      while ((await s.load()) !== 1) await yieldNow();
      await x.write(1);
    }));

  it('TestNoRaceAtomicLoadStoreInt32', () =>
    noRace(async () => {
      const x = shared('x', 0);
      const s = new AtomicInt(0, 's');
      go(async () => {
        await x.write(2);
        await s.store(1);
      });
      while ((await s.load()) !== 1) await yieldNow();
      await x.write(1);
    }));

  it('TestNoRaceAtomicStoreCASInt32', () =>
    noRace(async () => {
      const x = shared('x', 0);
      const s = new AtomicInt(0, 's');
      go(async () => {
        await x.write(2);
        await s.store(1);
      });
      while (!(await s.compareAndSwap(1, 0))) await yieldNow();
      await x.write(1);
    }));

  it('TestNoRaceAtomicCASLoadInt32', () =>
    noRace(async () => {
      const x = shared('x', 0);
      const s = new AtomicInt(0, 's');
      go(async () => {
        await x.write(2);
        if (!(await s.compareAndSwap(0, 1))) throw new Error('');
      });
      while ((await s.load()) !== 1) await yieldNow();
      await x.write(1);
    }));

  it('TestNoRaceAtomicCASCASInt32', () =>
    noRace(async () => {
      const x = shared('x', 0);
      const s = new AtomicInt(0, 's');
      go(async () => {
        await x.write(2);
        if (!(await s.compareAndSwap(0, 1))) throw new Error('');
      });
      while (!(await s.compareAndSwap(1, 0))) await yieldNow();
      await x.write(1);
    }));

  it('TestNoRaceAtomicCASCASInt32_2 (a failed CAS synchronises)', () =>
    noRace(async () => {
      const x1 = shared('x1', 0);
      const x2 = shared('x2', 0);
      const s = new AtomicInt(0, 's');
      const ch = new Channel<boolean>(2);
      go(async () => {
        await x1.write(1);
        if (!(await s.compareAndSwap(0, 1))) await x2.write(1);
        await ch.send(true);
      });
      go(async () => {
        await x2.write(1);
        if (!(await s.compareAndSwap(0, 1))) await x1.write(1);
        await ch.send(true);
      });
      await ch.recv();
      await ch.recv();
    }));

  it('TestNoRaceAtomicLoadStorePointer (atomic.Value)', () =>
    noRace(async () => {
      const x = shared('x', 0);
      const p = new AtomicValue<{ v: number }>(undefined, 'p');
      go(async () => {
        await x.write(2);
        await p.store({ v: 1 });
      });
      while ((await p.load()) === undefined) await yieldNow();
      await x.write(1);
    }));

  it('TestNoRaceAtomicSwap', () =>
    noRace(async () => {
      const x = shared('x', 0);
      const s = new AtomicInt(0, 's');
      go(async () => {
        await x.write(2);
        await s.swap(1);
      });
      while ((await s.swap(0)) !== 1) await yieldNow();
      await x.write(1);
    }));

  it('TestRaceAtomicStoreLoad (plain read of an atomic)', () =>
    race(async () => {
      const c = new Channel<boolean>();
      const a = new AtomicInt(0, 'a');
      go(async () => {
        await a.store(1);
        await c.send(true);
      });
      await yieldNow();
      copyValue(a); // _ = a
      await c.recv();
    }));

  it('TestRaceAtomicAddLoad (plain read of an atomic)', () =>
    race(async () => {
      const c = new Channel<boolean>();
      const a = new AtomicInt(0, 'a');
      go(async () => {
        await a.add(1);
        await c.send(true);
      });
      await yieldNow();
      copyValue(a);
      await c.recv();
    }));

  it('TestNoRaceAtomicStoreThenPlainRead (ordered by the channel)', () =>
    noRace(async () => {
      const c = new Channel<boolean>();
      const a = new AtomicInt(0, 'a');
      go(async () => {
        await a.store(1);
        await c.send(true);
      });
      await c.recv();
      copyValue(a);
    }));
});
