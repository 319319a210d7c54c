/**
 * What every staged Mutex keeps from the plain one: mutual exclusion and happens-before (no race,
 * no lost update, under many seeds), the reports (double-lock, wait-for cycles, copied-lock with the
 * state word), Go's unlock-of-unlocked text, the default variant of an execution, and the metrics.
 */
import { describe, expect, it } from 'vitest';
import { go, shared, Mutex, WaitGroup, Cond, assert, sleep, copyValue, yieldNow } from '../../../../../src/index.js';
import { MUTEX_VARIANTS, type MutexVariant } from '../../../../../src/primitives/go/mutex.js';
import { run, kinds } from '../../../../helpers.js';

describe.each(MUTEX_VARIANTS.map((v) => [v]))('the %s Mutex', (variant: MutexVariant) => {
  it('excludes: three goroutines increment a counter twice each, no race and no lost update (1000 seeds)', async () => {
    const r = await run(
      async () => {
        const mu = new Mutex({ name: 'mu', variant });
        const count = shared('count', 0);
        const wg = new WaitGroup();
        await wg.add(3);
        for (let i = 0; i < 3; i++) {
          go(async () => {
            for (let j = 0; j < 2; j++) {
              await mu.lock();
              await count.update((v) => v + 1);
              await mu.unlock();
            }
            await wg.done();
          }, `worker-${i}`);
        }
        await wg.wait();
        assert((await count.read()) === 6, 'lost update');
      },
      { runs: 1000 },
    );
    expect(kinds(r)).toEqual([]);
    expect(r.mutexMetrics?.variants).toEqual([variant]);
    expect(r.mutexMetrics?.acquisitions).toBe(6 * 1000);
  });

  it('excludes with tryLock in the mix, and a sleeping holder (500 seeds)', async () => {
    const r = await run(
      async () => {
        const mu = new Mutex({ name: 'mu', variant });
        const count = shared('count', 0);
        const wg = new WaitGroup();
        await wg.add(2);
        go(async () => {
          await mu.lock();
          await sleep(2);
          await count.update((v) => v + 1);
          await mu.unlock();
          await wg.done();
        }, 'sleeper');
        go(async () => {
          while (!(await mu.tryLock())) await yieldNow();
          await count.update((v) => v + 1);
          await mu.unlock();
          await wg.done();
        }, 'trier');
        await mu.lock();
        await count.update((v) => v + 1);
        await mu.unlock();
        await wg.wait();
        assert((await count.read()) === 3, 'lost update');
      },
      { runs: 500, stepLimit: 20_000 },
    );
    expect(kinds(r)).toEqual([]);
  });

  it('works as the Locker of a Cond: a producer signals a waiting consumer (300 seeds)', async () => {
    const r = await run(
      async () => {
        const mu = new Mutex({ name: 'mu', variant });
        const cond = new Cond(mu);
        const queue = shared<number[]>('queue', []);
        const wg = new WaitGroup();
        await wg.add(1);
        go(async () => {
          await mu.lock();
          while ((await queue.read()).length === 0) await cond.wait();
          const q = await queue.read();
          assert(q[0] === 42, 'wrong item');
          await mu.unlock();
          await wg.done();
        }, 'consumer');
        await mu.lock();
        await queue.write([42]);
        await cond.signal();
        await mu.unlock();
        await wg.wait();
      },
      { runs: 300 },
    );
    expect(kinds(r)).toEqual([]);
  });

  it('still finds the race of a goroutine that forgets the lock', async () => {
    const r = await run(async () => {
      const mu = new Mutex({ name: 'mu', variant });
      const count = shared('count', 0);
      const wg = new WaitGroup();
      await wg.add(1);
      go(async () => {
        await count.update((v) => v + 1); // no lock
        await wg.done();
      });
      await mu.lock();
      await count.update((v) => v + 1);
      await mu.unlock();
      await wg.wait();
    });
    expect(kinds(r)).toEqual(['data-race']);
  });

  it('reports a double lock by its holder', async () => {
    const r = await run(async () => {
      const mu = new Mutex({ name: 'mu', variant });
      await mu.lock();
      await mu.lock();
    });
    expect(kinds(r)).toEqual(['double-lock']);
    expect(r.findings[0]!.message).toContain("locks Mutex 'mu', which it already holds");
  });

  it("lets another goroutine unlock it for its holder's second lock (the Go memory model's example), or reports the double lock when nobody does", async () => {
    const clean = await run(async () => {
      const mu = new Mutex({ name: 'mu', variant });
      await mu.lock();
      go(async () => {
        await sleep(1);
        await mu.unlock();
      });
      await mu.lock();
      await mu.unlock();
    });
    expect(kinds(clean)).toEqual([]);
    const stuck = await run(async () => {
      const mu = new Mutex({ name: 'mu', variant });
      await mu.lock();
      go(async () => {
        await sleep(1);
      });
      await mu.lock();
    });
    expect(kinds(stuck)).toEqual(['double-lock']);
    expect(stuck.findings[0]!.message).toBe("goroutine 'main' locks Mutex 'mu', which it already holds, and no other goroutine unlocked it");
  });

  it('feeds the wait-for cycle detector: AB/BA while another goroutine runs', async () => {
    const found = new Set<string>();
    for (let seed = 1; seed <= 40 && !found.has('cycle'); seed++) {
      const r = await run(
        async () => {
          const a = new Mutex({ name: 'A', variant });
          const b = new Mutex({ name: 'B', variant });
          go(async () => {
            await a.lock();
            await sleep(1);
            await b.lock();
          }, 'g1');
          go(async () => {
            await b.lock();
            await sleep(1);
            await a.lock();
          }, 'g2');
          for (let i = 0; i < 60; i++) await yieldNow(); // main keeps running
        },
        { runs: 1, firstSeed: seed },
      );
      for (const f of r.findings) {
        expect(['deadlock', 'lock-order-inversion', 'leak']).toContain(f.kind);
        if (f.kind === 'deadlock' && f.message.includes('wait for each other in a cycle')) found.add('cycle');
      }
    }
    expect(found.has('cycle')).toBe(true);
  });

  it('is copied with its state word: a copied locked Mutex is a copied-lock report, and the copy is locked', async () => {
    let summary = '';
    let copyLocked = false;
    const r = await run(
      async () => {
        const mu = new Mutex({ name: 'mu', variant });
        await mu.lock();
        const c = copyValue({ mu }).mu;
        summary = c.stateSummary();
        copyLocked = c.locked && c.variant === variant;
      },
      { runs: 1 },
    );
    expect(kinds(r)).toEqual(['copied-lock']);
    expect(r.findings[0]!.message).toContain(`sync.Mutex 'mu' (locked by 'main'; ${variant} stage, state `);
    expect(copyLocked).toBe(true);
    expect(summary).toMatch(variant === 'initial' ? /state key 1$/ : /state 1 \[locked\]$/);
  });

  it("reports Go's text for an unlock of an unlocked mutex", async () => {
    const r = await run(async () => {
      const mu = new Mutex({ name: 'mu', variant });
      await mu.unlock();
    });
    expect(kinds(r)).toEqual(['unlock-of-unlocked']);
    expect(r.findings[0]!.message).toBe('sync: unlock of unlocked mutex');
  });

  it(variant === 'starvation' ? 'makes it a fatal error recover cannot catch (a throw)' : 'makes it a panic recover catches, as Go did then', async () => {
    let caught = '';
    const r = await run(async () => {
      const mu = new Mutex({ name: 'mu', variant });
      try {
        await mu.unlock();
      } catch (e) {
        caught = (e as Error).message;
      }
    });
    if (variant === 'starvation') {
      expect(kinds(r)).toEqual(['unlock-of-unlocked']);
    } else {
      expect(kinds(r)).toEqual([]);
      expect(caught).toBe('sync: unlock of unlocked mutex');
    }
  });

  it('is the default of an execution (--mutex), unless a Mutex names its own', async () => {
    const seen: (string | undefined)[] = [];
    const r = await run(
      async () => {
        seen.push(new Mutex().variant, new Mutex({ variant: 'initial' }).variant);
      },
      { runs: 1, mutexVariant: variant },
    );
    expect(kinds(r)).toEqual([]);
    expect(seen).toEqual([variant, 'initial']);
    expect(r.mutexVariant).toBe(variant);
    expect(r.mutexMetrics?.variants).toEqual(MUTEX_VARIANTS.filter((v) => v === variant || v === 'initial'));
  });
});

describe('Mutex variants', () => {
  it('leave the plain Mutex as it was when none is given', async () => {
    let v: string | undefined = 'x';
    const r = await run(async () => {
      v = new Mutex().variant;
    }, { runs: 1 });
    expect(v).toBeUndefined();
    expect(r.mutexMetrics).toBeUndefined();
    expect(r.mutexVariant).toBeUndefined();
  });

  it('reject an unknown variant with a clear error', async () => {
    const r = await run(async () => {
      new Mutex({ variant: 'fair' as MutexVariant });
    }, { runs: 1 });
    expect(r.error?.message).toBe("unknown Mutex variant 'fair': use one of initial, newcomer, spinning, starvation");
  });

  it('sum metrics over executions and keep the longest wait as a maximum', async () => {
    const r = await run(
      async () => {
        const mu = new Mutex({ variant: 'initial' });
        await mu.lock();
        go(async () => {
          await mu.lock();
          await mu.unlock();
        });
        await sleep(3);
        await mu.unlock();
      },
      { runs: 50, timeMode: 'synctest' },
    );
    expect(kinds(r)).toEqual([]);
    const m = r.mutexMetrics!;
    expect(m.executions).toBe(50);
    expect(m.acquisitions).toBe(100);
    expect(m.handoffs).toBe(50); // the goroutine always sleeps on the semaphore, and Unlock hands it over
    expect(m.longestWaitMs).toBe(3);
    expect(m.longestWaitSteps).toBeGreaterThan(2);
    expect(m.newcomerWins).toBe(0);
  });
});
