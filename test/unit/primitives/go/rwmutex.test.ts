import { describe, expect, it } from 'vitest';
import { go, yieldNow, shared, RWMutex, Mutex, WaitGroup, Channel, assert, type Locker } from '../../../../src/index.js';
import { run, kinds } from '../../../helpers.js';

/** Yield until `cond` holds (inspecting simulated state from test code takes no step). */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !cond(); i++) await yieldNow();
  assert(cond(), 'condition never became true');
}

describe('RWMutex happens-before', () => {
  it('a writer sees the previous writer and every reader; a reader sees the last writer', async () => {
    const r = await run(async () => {
      const rw = new RWMutex({ name: 'rw' });
      const x = shared('x', 0);
      const wg = new WaitGroup();
      await wg.add(4);
      for (let i = 0; i < 2; i++) {
        go(async () => {
          await rw.lock();
          await x.update((v) => v + 1);
          await rw.unlock();
          await wg.done();
        }, `writer-${i}`);
        go(async () => {
          await rw.rLock();
          await x.read();
          await rw.rUnlock();
          await wg.done();
        }, `reader-${i}`);
      }
      await wg.wait();
      assert((await x.read()) === 2, 'lost update under the write lock');
    });
    expect(kinds(r)).toEqual([]);
  });

  it('readers do not order each other: two writes under rLock race (Docker 36840)', async () => {
    const r = await run(async () => {
      const rw = new RWMutex({ name: 'rw' });
      const x = shared('x', 0);
      const wg = new WaitGroup();
      await wg.add(2);
      for (let i = 0; i < 2; i++) {
        go(async () => {
          await rw.rLock();
          await x.write(i);
          await rw.rUnlock();
          await wg.done();
        });
      }
      await wg.wait();
    });
    expect(kinds(r)).toEqual(['data-race']);
  });

  it('an rUnlock does not order a later rLock: read then write under read locks race', async () => {
    const r = await run(async () => {
      const rw = new RWMutex();
      const x = shared('x', 0);
      const done = new Channel<void>(1);
      go(async () => {
        await rw.rLock();
        await x.read();
        await rw.rUnlock();
        await done.send();
      });
      await rw.rLock();
      await x.write(1);
      await rw.rUnlock();
      await done.recv();
    });
    expect(kinds(r)).toEqual(['data-race']);
  });
});

describe('RWMutex is writer-preferring', () => {
  it('a reader arriving while a writer waits blocks until the writer is done', async () => {
    const r = await run(async () => {
      const rw = new RWMutex({ name: 'rw' });
      const log: string[] = [];
      const wg = new WaitGroup();
      await wg.add(2);
      await rw.rLock();
      go(async () => {
        await rw.lock();
        log.push('writer');
        await rw.unlock();
        await wg.done();
      }, 'writer');
      await until(() => rw.writer === 'pending');
      assert((await rw.tryRLock()) === false, 'tryRLock must fail while a writer waits');
      go(async () => {
        await rw.rLock();
        log.push('late reader');
        await rw.rUnlock();
        await wg.done();
      }, 'late-reader');
      for (let i = 0; i < 5; i++) await yieldNow();
      assert(log.length === 0, `nobody may get in while main reads and a writer waits: ${log.join()}`);
      await rw.rUnlock();
      await wg.wait();
      assert(log.join() === 'writer,late reader', `order ${log.join()}`);
    });
    expect(kinds(r)).toEqual([]);
  });

  it("a writer's unlock lets the waiting readers in before the next writer", async () => {
    const r = await run(async () => {
      const rw = new RWMutex({ name: 'rw' });
      const log: string[] = [];
      const wg = new WaitGroup();
      await wg.add(3);
      await rw.lock();
      for (const n of ['r1', 'r2']) {
        go(async () => {
          await rw.rLock();
          log.push(n);
          await yieldNow();
          await rw.rUnlock();
          await wg.done();
        }, n);
      }
      await until(() => rw.core.blocked.length === 2);
      go(async () => {
        await rw.lock();
        log.push('w2');
        await rw.unlock();
        await wg.done();
      }, 'w2');
      await yieldNow();
      await rw.unlock();
      await wg.wait();
      assert(log.indexOf('w2') === 2, `the second writer must wait for the batch of readers: ${log.join()}`);
    });
    expect(kinds(r)).toEqual([]);
  });

  it('a recursive rLock deadlocks when a writer arrives in between', async () => {
    const r = await run(async () => {
      const rw = new RWMutex({ name: 'rw' });
      await rw.rLock();
      go(async () => {
        await rw.lock();
        await rw.unlock();
      }, 'writer');
      await until(() => rw.writer === 'pending');
      await rw.rLock();
    });
    expect(kinds(r)).toEqual(['deadlock']);
    const f = r.findings[0]!;
    expect(f.message).toMatch(/'main'.*'writer'|'writer'.*'main'/);
    expect(f.details!.join('\n')).toMatch(/rLock of RWMutex 'rw' \(blocked behind writer 'writer'/);
    expect(f.details!.join('\n')).toMatch(/waiting for readers 'main'/);
  });

  it('a recursive rLock without a writer in between is fine', async () => {
    const r = await run(async () => {
      const rw = new RWMutex();
      await rw.rLock();
      await rw.rLock();
      await rw.rUnlock();
      await rw.rUnlock();
      await rw.lock();
      await rw.unlock();
    });
    expect(kinds(r)).toEqual([]);
  });
});

describe('RWMutex misuse', () => {
  const cases: [string, (rw: RWMutex) => Promise<void>, string][] = [
    ['unlock of a fresh RWMutex', (rw) => rw.unlock(), 'sync: Unlock of unlocked RWMutex'],
    ['rUnlock of a fresh RWMutex', (rw) => rw.rUnlock(), 'sync: RUnlock of unlocked RWMutex'],
    ['rLock then unlock', async (rw) => (await rw.rLock(), await rw.unlock()), 'sync: Unlock of unlocked RWMutex'],
    ['lock then rUnlock', async (rw) => (await rw.lock(), await rw.rUnlock()), 'sync: RUnlock of unlocked RWMutex'],
    ['one rUnlock too many', async (rw) => (await rw.rLock(), await rw.rUnlock(), await rw.rUnlock()), 'sync: RUnlock of unlocked RWMutex'],
    ['one unlock too many', async (rw) => (await rw.lock(), await rw.unlock(), await rw.unlock()), 'sync: Unlock of unlocked RWMutex'],
  ];
  for (const [name, body, text] of cases) {
    it(`${name}: fatal with Go's text`, async () => {
      const r = await run(async () => body(new RWMutex({ name: 'rw' })));
      expect(r.findings.map((f) => [f.kind, f.message])).toEqual([['unlock-of-unlocked', text]]);
    });
  }

  it('the fatal error cannot be caught', async () => {
    const r = await run(async () => {
      const rw = new RWMutex();
      try {
        await rw.rUnlock();
      } catch {
        /* Go's fatal errors are not panics */
      }
    });
    expect(kinds(r)).toEqual(['unlock-of-unlocked']);
  });

  it('lock while holding the write lock is a double-lock', async () => {
    const r = await run(async () => {
      const rw = new RWMutex({ name: 'rw' });
      await rw.lock();
      await rw.lock();
    });
    expect(kinds(r)).toEqual(['double-lock']);
    expect(r.findings[0]!.message).toMatch(/'main' locks RWMutex 'rw', which it already holds/);
    expect(r.findings[0]!.locations).toHaveLength(2);
  });

  it('lock while holding a read lock (an upgrade) deadlocks at once', async () => {
    const r = await run(async () => {
      const rw = new RWMutex({ name: 'rw' });
      go(async () => {
        for (let i = 0; i < 50; i++) await yieldNow();
      }, 'busy');
      await rw.rLock();
      await rw.lock();
    });
    expect(kinds(r)).toEqual(['deadlock']);
    expect(r.findings[0]!.message).toMatch(/while it holds a read lock on it/);
  });

  it('rLock while holding the write lock deadlocks at once', async () => {
    const r = await run(async () => {
      const rw = new RWMutex({ name: 'rw' });
      await rw.lock();
      await rw.rLock();
    });
    expect(kinds(r)).toEqual(['deadlock']);
    expect(r.findings[0]!.message).toMatch(/read-locks RWMutex 'rw' while it holds the write lock/);
  });

  it('has no owner: another goroutine may unlock it', async () => {
    const r = await run(async () => {
      const rw = new RWMutex();
      const done = new Channel<void>();
      await rw.lock();
      go(async () => {
        await rw.unlock();
        await done.send();
      });
      await done.recv();
      await rw.rLock();
      go(async () => {
        await rw.rUnlock();
        await done.send();
      });
      await done.recv();
      await rw.lock();
    });
    expect(kinds(r)).toEqual([]);
  });
});

describe('RWMutex tryLock and tryRLock', () => {
  it('follow Go 1.18', async () => {
    const r = await run(async () => {
      const rw = new RWMutex();
      assert((await rw.tryRLock()) === true, 'tryRLock on a free lock');
      assert((await rw.tryRLock()) === true, 'readers share');
      assert((await rw.tryLock()) === false, 'tryLock with readers');
      await rw.rUnlock();
      await rw.rUnlock();
      assert((await rw.tryLock()) === true, 'tryLock on a free lock');
      assert((await rw.tryRLock()) === false, 'tryRLock while write-locked');
      assert((await rw.tryLock()) === false, 'tryLock while write-locked');
      await rw.unlock();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('a successful tryLock orders like lock; a failed one orders nothing', async () => {
    const ok = await run(async () => {
      const rw = new RWMutex();
      const x = shared('x', 0);
      const done = new Channel<void>(1);
      go(async () => {
        await rw.lock();
        await x.write(1);
        await rw.unlock();
        await done.send();
      });
      while (!(await rw.tryLock())) await yieldNow();
      await x.write(2);
      await rw.unlock();
      await done.recv();
    });
    // the goroutine may take the lock after main: then its write is ordered after main's
    expect(kinds(ok)).toEqual([]);
    const bad = await run(async () => {
      const rw = new RWMutex();
      const x = shared('x', 0);
      const done = new Channel<void>(1);
      await rw.lock();
      go(async () => {
        if (!(await rw.tryLock())) await x.write(1); // failed tryLock: no edge from main
        await done.send();
      });
      await x.write(2);
      await rw.unlock();
      await done.recv();
    });
    expect(kinds(bad)).toEqual(['data-race']);
  });
});

describe('RWMutex in reports', () => {
  it('a reader/writer wait-for cycle with a Mutex is found while others still run', async () => {
    const r = await run(async () => {
      const rw = new RWMutex({ name: 'rw' });
      const mu = new Mutex({ name: 'mu' });
      const step = new Channel<void>();
      go(async () => {
        for (let i = 0; i < 200; i++) await yieldNow();
      }, 'busy');
      await mu.lock();
      go(async () => {
        await rw.rLock();
        await step.send();
        await mu.lock();
      }, 'reader');
      await step.recv();
      go(async () => {
        await rw.lock();
      }, 'writer');
      await until(() => rw.writer === 'pending');
      await rw.rLock(); // blocked behind the writer, which waits for 'reader', which waits for main
    });
    expect(kinds(r)).toEqual(['deadlock']);
    expect(r.findings[0]!.message).toMatch(/wait for each other in a cycle/);
    const main = r.findings[0]!.threads.find((t) => t.name === 'main')!;
    expect(main.holds!.map((h) => h.what)).toEqual(["Mutex 'mu'"]);
    const reader = r.findings[0]!.threads.find((t) => t.name === 'reader')!;
    expect(reader.holds!.map((h) => h.what)).toEqual(["RWMutex 'rw' (read)"]);
  });

  it('implements Locker through rLocker()', async () => {
    const r = await run(async () => {
      const rw = new RWMutex();
      const l: Locker = rw.rLocker();
      const readers = (): number => rw.readers;
      await l.lock();
      assert(readers() === 1, 'rLocker().lock is rLock');
      await l.unlock();
      assert(readers() === 0, 'rLocker().unlock is rUnlock');
    });
    expect(kinds(r)).toEqual([]);
  });
});

describe('RWMutex has no owner', () => {
  it('lock, a goroutine that unlocks, lock again: no report (the Go memory model example)', async () => {
    const r = await run(async () => {
      const rw = new RWMutex({ name: 'rw' });
      const a = shared('a', '');
      await rw.lock();
      go(async () => {
        await a.write('hello, world');
        await rw.unlock();
      });
      await rw.lock();
      await a.read();
      await rw.unlock();
      await rw.rLock();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('...and when that goroutine never unlocks, the deadlock is still reported', async () => {
    const r = await run(async () => {
      const rw = new RWMutex({ name: 'rw' });
      await rw.lock();
      go(async () => {
        await yieldNow();
      }, 'helper');
      await rw.lock();
    });
    expect(kinds(r).length).toBe(1);
    expect(['deadlock', 'double-lock']).toContain(kinds(r)[0]);
  });
});
