import { describe, expect, it } from 'vitest';
import { go, yieldNow, shared, Once, Mutex, WaitGroup, panic, assert } from '../../../../src/index.js';
import { run, kinds } from '../../../helpers.js';

describe('Once', () => {
  it('runs fn once; every do returns after fn finished, with its effects visible (no race)', async () => {
    let calls = 0;
    const r = await run(async () => {
      calls = 0;
      const once = new Once('once');
      const conn = shared<string | null>('conn', null);
      const wg = new WaitGroup();
      await wg.add(3);
      for (let i = 0; i < 3; i++) {
        go(async () => {
          await once.do(async () => {
            calls++;
            await yieldNow(); // a slow init: the others must wait for it
            await conn.write('connected');
          });
          assert((await conn.read()) === 'connected', 'do returned before the init finished');
          await wg.done();
        }, `caller-${i}`);
      }
      await wg.wait();
      assert(calls === 1, `fn ran ${calls} times`);
    });
    expect(kinds(r)).toEqual([]);
  });

  it('only the first fn runs, even when later calls pass another fn', async () => {
    const r = await run(async () => {
      const once = new Once();
      const ran: string[] = [];
      await once.do(() => void ran.push('f1'));
      await once.do(() => void ran.push('f2'));
      assert(ran.join() === 'f1', ran.join());
    });
    expect(kinds(r)).toEqual([]);
  });

  it('is done even when fn panics; the panic reaches that caller only', async () => {
    const r = await run(async () => {
      const once = new Once('once');
      let caught = '';
      try {
        await once.do(() => panic('init failed'));
      } catch (e) {
        caught = (e as Error).message;
      }
      assert(caught === 'init failed', `caught '${caught}'`);
      let again = false;
      await once.do(() => {
        again = true;
      });
      assert(!again, 'a Once whose fn panicked is done');
      assert(once.stateSummary() === 'done (its fn panicked)', once.stateSummary());
    });
    expect(kinds(r)).toEqual([]);
  });

  it('an uncaught panic in fn is a panic finding', async () => {
    const r = await run(async () => {
      await new Once().do(() => panic('boom'));
    });
    expect(r.findings.map((f) => [f.kind, f.message])).toEqual([['panic', 'boom']]);
  });

  it('callers blocked while fn panics return normally, without running their fn', async () => {
    const r = await run(async () => {
      const once = new Once();
      const wg = new WaitGroup();
      await wg.add(1);
      let second = false;
      go(async () => {
        try {
          await once.do(async () => {
            await yieldNow();
            panic('init failed');
          });
        } catch {
          /* recovered */
        }
        await wg.done();
      });
      while (once.state === 'idle') await yieldNow();
      await once.do(() => {
        second = true;
      });
      await wg.wait();
      assert(!second, 'the second fn must not run');
    });
    expect(kinds(r)).toEqual([]);
  });

  it('do inside its own fn is a deadlock naming the Once', async () => {
    const r = await run(async () => {
      const once = new Once('once');
      go(async () => {
        for (let i = 0; i < 20; i++) await yieldNow();
      }, 'busy');
      await once.do(async () => {
        await once.do(() => {});
      });
    });
    expect(kinds(r)).toEqual(['deadlock']);
    const f = r.findings[0]!;
    expect(f.message).toBe("goroutine 'main' calls do of Once 'once' inside its own fn: it waits for itself forever");
    expect(f.threads[0]!.waitingOn).toBe("do of Once 'once' (called inside its own fn)");
    expect(f.locations).toHaveLength(2);
  });

  it('a cycle through another goroutine (fn waits for a lock whose holder calls do) is a deadlock', async () => {
    const r = await run(async () => {
      const once = new Once('once');
      const mu = new Mutex({ name: 'mu' });
      go(async () => {
        for (let i = 0; i < 100; i++) await yieldNow();
      }, 'busy');
      go(async () => {
        await mu.lock();
        await yieldNow();
        await once.do(() => {});
        await mu.unlock();
      }, 'other');
      await once.do(async () => {
        await yieldNow();
        await mu.lock();
        await mu.unlock();
      });
    });
    // depending on who goes first this deadlocks (a cycle) or finishes
    expect(kinds(r)).toEqual(['deadlock']);
    expect(r.findings[0]!.message).toMatch(/wait for each other in a cycle/);
    expect(r.findings[0]!.details!.join('\n')).toMatch(/do of Once 'once' \(waiting for 'main' to finish its fn\)/);
  });

  it('rejects a non-function', async () => {
    const r = await run(async () => {
      await new Once('o').do(5 as never);
    });
    expect(r.error?.message).toBe("do of Once 'o': fn must be a function, got number");
  });
});
