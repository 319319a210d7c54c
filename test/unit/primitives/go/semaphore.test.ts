import { describe, expect, it } from 'vitest';
import { go, yieldNow, shared, assert, Semaphore, WaitGroup, context, sleep, now } from '../../../../src/index.js';
import { run, kinds } from '../../../helpers.js';

describe('Semaphore', () => {
  it('weighted worker pool: the final acquire of every token orders all workers before the read (no race)', async () => {
    const r = await run(async () => {
      const max = 2;
      const sem = new Semaphore(max, { name: 'sema' });
      const ctx = context.background();
      const task = [0, 1, 2, 3, 4, 5].map((i) => shared(`task[${i}]`, 0));
      for (let i = 0; i < task.length; i++) {
        assert((await sem.acquire(1, ctx)) === null, 'acquire failed');
        go(async () => {
          await sleep(100);
          await task[i]!.write(i + 1);
          await sem.release(1);
        }, `worker-${i}`);
      }
      assert((await sem.acquire(max, ctx)) === null);
      for (let i = 0; i < task.length; i++) assert((await task[i]!.read()) === i + 1, `task ${i} not done`);
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('without the final acquire the read races with a worker', async () => {
    const r = await run(async () => {
      const sem = new Semaphore(2, { name: 'sema' });
      const task = [0, 1, 2].map((i) => shared(`task[${i}]`, 0));
      for (let i = 0; i < task.length; i++) {
        await sem.acquire(1);
        go(async () => {
          await task[i]!.write(i + 1);
          await sem.release(1);
        });
      }
      for (const t of task) await t.read();
    });
    expect(kinds(r)).toEqual(['data-race']);
  });

  it('never lets more than size tokens out at once', async () => {
    const r = await run(async () => {
      const sem = new Semaphore(3);
      let inside = 0;
      const wg = new WaitGroup();
      await wg.add(4);
      for (const n of [1, 2, 2, 1]) {
        go(async () => {
          await sem.acquire(n);
          inside += n;
          assert(inside <= 3, `${inside} tokens out`);
          await yieldNow();
          inside -= n;
          await sem.release(n);
          await wg.done();
        });
      }
      await wg.wait();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('is FIFO: a large waiter at the head blocks a smaller one behind it', async () => {
    let order: string[] = [];
    const r = await run(
      async () => {
        order = [];
        const sem = new Semaphore(10, { name: 'sem' });
        await sem.acquire(10);
        const wg = new WaitGroup();
        await wg.add(2);
        go(async () => {
          await sem.acquire(6);
          order.push('big');
          await sem.release(6);
          await wg.done();
        }, 'big');
        await sleep(1); // big queues first
        go(async () => {
          await sem.acquire(1);
          order.push('small');
          await sem.release(1);
          await wg.done();
        }, 'small');
        await sleep(1); // small queues behind it
        await sem.release(5); // 5 free: the small one would fit, but big is at the head
        await sleep(1);
        assert(order.length === 0, `${order.join()} got in ahead of the queue`);
        await sem.release(5);
        await wg.wait();
      },
      { runs: 50, timeMode: 'synctest' },
    );
    expect(kinds(r)).toEqual([]);
    expect(order.sort()).toEqual(['big', 'small']); // both fit once all 10 are free
  });

  it('tryAcquire fails while anyone is queued, even with tokens free', async () => {
    const r = await run(
      async () => {
        const sem = new Semaphore(10);
        await sem.acquire(5);
        go(async () => {
          await sem.acquire(6); // 5 free: it queues
        }, 'waiter');
        await sleep(1);
        assert((await sem.tryAcquire(1)) === false, 'tryAcquire overtook the queue');
        await sem.release(5);
        await sleep(1);
        assert((await sem.tryAcquire(4)) === true, 'tokens free and nobody queued');
        assert((await sem.tryAcquire(1)) === false, 'only 0 left');
      },
      { timeMode: 'synctest' },
    );
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('release happens-before the acquire it enables (no race on data handed over)', async () => {
    const r = await run(async () => {
      const sem = new Semaphore(1);
      const data = shared('data', 0);
      await sem.acquire();
      go(async () => {
        await sem.acquire();
        assert((await data.read()) === 42);
      });
      await data.write(42);
      await sem.release();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('two holders of a size-2 semaphore are not ordered: a race', async () => {
    const r = await run(async () => {
      const sem = new Semaphore(2);
      const data = shared('data', 0);
      const wg = new WaitGroup();
      await wg.add(2);
      for (let i = 0; i < 2; i++) {
        go(async () => {
          await sem.acquire();
          await data.update((v) => v + 1);
          await sem.release();
          await wg.done();
        });
      }
      await wg.wait();
    });
    expect(kinds(r)).toEqual(['data-race']);
  });

  it('over-release panics with Go text, catchable as a recover', async () => {
    const r = await run(async () => {
      const sem = new Semaphore(2, { name: 'sem' });
      await sem.acquire(1);
      await sem.release(2);
    });
    expect(kinds(r)).toEqual(['semaphore-overrelease']);
    expect(r.findings[0]!.message).toBe('semaphore: released more than held');
    expect(r.findings[0]!.locations[0]).toMatch(/semaphore\.test\.ts:\d+:\d+$/);

    const caught = await run(async () => {
      const sem = new Semaphore(2);
      let msg = '';
      try {
        await sem.release(1);
      } catch (e) {
        msg = (e as Error).message;
      }
      assert(msg === 'semaphore: released more than held', msg);
    });
    expect(kinds(caught)).toEqual([]);
  });

  it('tokens acquired by one goroutine may be released by another (the check is global)', async () => {
    const r = await run(async () => {
      const sem = new Semaphore(1);
      await sem.acquire();
      const wg = new WaitGroup();
      await wg.add(1);
      go(async () => {
        await sem.release();
        await wg.done();
      });
      await wg.wait();
      assert((await sem.tryAcquire()) === true);
    });
    expect(kinds(r)).toEqual([]);
  });

  it('acquire with a context already done fails at once, even with tokens free', async () => {
    const r = await run(async () => {
      const sem = new Semaphore(3);
      const [ctx, cancel] = context.withCancel(context.background());
      await cancel();
      const err = await sem.acquire(1, ctx);
      assert(err === context.Canceled, `got ${String(err)}`);
      assert((await sem.tryAcquire(3)) === true, 'the failed acquire took tokens');
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a waiting acquire wakes with ctx.err() when its deadline passes, and the semaphore is unchanged', async () => {
    const r = await run(async () => {
      const sem = new Semaphore(2, { name: 'sem' });
      await sem.acquire(2);
      const [ctx] = context.withTimeout(context.background(), 50);
      const err = await sem.acquire(1, ctx);
      assert(err === context.DeadlineExceeded, `got ${String(err)}`);
      assert(now() === 50, `woke at ${now()}`);
      await sem.release(2);
      assert((await sem.tryAcquire(2)) === true, 'tokens leaked');
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a cancel happens-before the acquire it interrupts returns', async () => {
    const r = await run(async () => {
      const sem = new Semaphore(1);
      await sem.acquire();
      const [ctx, cancel] = context.withCancel(context.background());
      const data = shared('data', 0);
      const wg = new WaitGroup();
      await wg.add(1);
      go(async () => {
        const err = await sem.acquire(1, ctx);
        assert(err !== null, 'acquired a held token');
        await data.read();
        await wg.done();
      });
      await data.write(1);
      await cancel();
      await wg.wait();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('a waiter giving up at the head lets the ones behind it in', async () => {
    const r = await run(
      async () => {
        const sem = new Semaphore(100, { name: 'sem' });
        await sem.acquire(100);
        const [ctx] = context.withTimeout(context.background(), 10);
        const wg = new WaitGroup();
        await wg.add(2);
        go(async () => {
          const err = await sem.acquire(60, ctx);
          assert(err === context.DeadlineExceeded);
          await wg.done();
        }, 'B');
        await yieldNow();
        go(async () => {
          assert((await sem.acquire(50)) === null);
          await wg.done();
        }, 'C');
        await yieldNow();
        await sem.release(50); // 50 free: C fits but waits behind B
        await wg.wait(); // B times out at 10 ms and C gets in
      },
      { timeMode: 'synctest' },
    );
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a waiter granted its tokens whose context is done by its step gives them back, and the next waiter gets them', async () => {
    const outcomes = new Set<string>();
    const r = await run(
      async () => {
        const sem = new Semaphore(1, { name: 'sem' });
        await sem.acquire(1);
        const [ctx, cancel] = context.withCancel(context.background());
        const wg = new WaitGroup();
        await wg.add(2);
        let got = '';
        go(async () => {
          const err = await sem.acquire(1, ctx);
          got = err === null ? 'ok' : err.message;
          if (err === null) await sem.release(1);
          await wg.done();
        }, 'head');
        await sleep(1); // 'head' is queued first
        go(async () => {
          assert((await sem.acquire(1)) === null);
          await sem.release(1);
          await wg.done();
        }, 'next');
        await sleep(1); // 'next' is queued behind it
        await sem.release(1); // grants 'head'; its step may come before the cancel or after it
        await cancel();
        await wg.wait();
        assert((await sem.tryAcquire(1)) === true, 'tokens lost');
        outcomes.add(got);
      },
      { timeMode: 'synctest' },
    );
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    // 'context canceled' only when it was granted first: it gave the token back, and 'next' got it.
    expect([...outcomes].sort()).toEqual(['context canceled', 'ok']);
  });

  it('asking for more than the size blocks forever, and the report says why', async () => {
    const r = await run(async () => {
      const sem = new Semaphore(4, { name: 'sem' });
      await sem.acquire(5);
    });
    expect(kinds(r)).toEqual(['deadlock']);
    expect(r.findings[0]!.details!.join('\n')).toContain('acquire(5) of Semaphore \'sem\': more than its size 4, so it can never succeed');
  });

  it('asking for more than the size with a context waits for the context only', async () => {
    const r = await run(async () => {
      const sem = new Semaphore(4);
      const [ctx] = context.withTimeout(context.background(), 5);
      assert((await sem.acquire(5, ctx)) === context.DeadlineExceeded);
      assert((await sem.tryAcquire(4)) === true, 'the impossible acquire must not hold tokens or queue');
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a forgotten release deadlocks the next acquire; the report shows the queue', async () => {
    const r = await run(async () => {
      const sem = new Semaphore(1, { name: 'sem' });
      await sem.acquire();
      await sem.acquire();
    });
    expect(kinds(r)).toEqual(['deadlock']);
    expect(r.findings[0]!.details!.join('\n')).toContain("Semaphore 'sem': size 1, 1 in use, 1 queued");
  });

  it('rejects bad inputs with one-line errors', async () => {
    const bad = async (body: () => Promise<unknown>) => (await run(body, { runs: 1 })).error?.message ?? '';
    expect(await bad(async () => new Semaphore(-1))).toMatch(/non-negative integer size/);
    expect(await bad(async () => new Semaphore(2).acquire(1.5))).toMatch(/integer number of tokens/);
    expect(await bad(async () => new Semaphore(2).acquire(context.background() as never))).toMatch(/tokens comes first/);
    expect(await bad(async () => new Semaphore(2).acquire(1, {} as never))).toMatch(/ctx must be a context/);
    expect(() => new Semaphore(1)).toThrow(/outside/);
  });
});
