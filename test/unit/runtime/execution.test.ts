import { describe, expect, it } from 'vitest';
import { go, spawn, yieldNow, panic, assert, shared, Mutex, WaitGroup } from '../../../src/index.js';
import { run, kinds } from '../../helpers.js';

describe('Execution: goroutines and steps', () => {
  it('runs main to completion with no findings', async () => {
    const r = await run(async () => {
      const x = shared('x', 1);
      await x.write((await x.read()) + 1);
      assert((await x.read()) === 2);
    });
    expect(r.findings).toEqual([]);
    expect(r.error).toBeUndefined();
    expect(r.executions).toBe(200);
  });

  it('interleaves goroutines differently under different seeds', async () => {
    const orders = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) {
      const order: string[] = [];
      await run(
        async () => {
          const wg = new WaitGroup();
          await wg.add(2);
          for (const n of ['a', 'b']) {
            go(async () => {
              await yieldNow();
              order.push(n);
              await wg.done();
            });
          }
          await wg.wait();
        },
        { runs: 1, firstSeed: seed },
      );
      orders.add(order.join(''));
    }
    expect(orders).toEqual(new Set(['ab', 'ba']));
  });

  it('replays a seed exactly', async () => {
    const trace = async (seed: number) => {
      const r = await run(
        async () => {
          const c = shared('c', 0);
          for (let i = 0; i < 3; i++) go(async () => void (await c.update((v) => v + 1)));
          await yieldNow();
          await c.read();
        },
        { runs: 1, firstSeed: seed, captureLocations: true },
      );
      return JSON.stringify(r);
    };
    expect(await trace(5)).toBe(await trace(5));
  });

  it('join returns the result and orders the thread before the joiner', async () => {
    const r = await run(async () => {
      const x = shared('x', 0);
      const h = spawn(async () => {
        await x.write(41);
        return 'done';
      }, 'child');
      const v = await h.join();
      assert(v === 'done');
      await x.write((await x.read()) + 1); // ordered by join: no race
    });
    expect(kinds(r)).toEqual([]);
  });

  it('go alone creates no edge back to the parent: a race', async () => {
    const r = await run(async () => {
      const x = shared('x', 0);
      go(async () => x.write(1), 'writer');
      await yieldNow();
      await yieldNow();
      await x.read();
    });
    expect(kinds(r)).toEqual(['data-race']);
  });

  it('reports a panic a goroutine does not catch, and none when it recovers', async () => {
    const bad = await run(async () => {
      go(async () => panic('boom'), 'p');
      await yieldNow();
    });
    expect(kinds(bad)).toEqual(['panic']);
    expect(bad.findings[0]!.message).toBe('boom');
    expect(bad.findings[0]!.threads[0]!.name).toBe('p');
    const good = await run(async () => {
      try {
        panic('boom');
      } catch {
        /* recovered */
      }
    });
    expect(kinds(good)).toEqual([]);
  });

  it('reports an uncaught exception as a panic with its location', async () => {
    const r = await run(async () => {
      await yieldNow();
      throw new TypeError('bad thing');
    });
    expect(r.findings[0]!.kind).toBe('panic');
    expect(r.findings[0]!.message).toBe('TypeError: bad thing');
    expect(r.findings[0]!.locations[0]).toMatch(/execution\.test\.ts:\d+:\d+$/);
  });

  it('reports a failed assertion with its location', async () => {
    const r = await run(async () => {
      assert(1 + 1 === 3, 'math is broken');
    });
    expect(r.findings.map((f) => [f.kind, f.message])).toEqual([['assertion', 'assertion failed: math is broken']]);
    expect(r.findings[0]!.locations[0]).toMatch(/execution\.test\.ts:\d+:\d+$/);
  });

  it('stops an execution at the step limit', async () => {
    const r = await run(
      async () => {
        const x = shared('x', 0);
        for (;;) await x.write(1);
      },
      { stepLimit: 500, runs: 1 },
    );
    expect(kinds(r)).toEqual(['step-limit']);
  });

  it('reports goroutines still blocked after main returned as leaks', async () => {
    const r = await run(async () => {
      const mu = new Mutex({ name: 'mu' });
      await mu.lock();
      go(async () => mu.lock(), 'stuck');
    });
    expect(kinds(r)).toEqual(['leak']);
    expect(r.findings[0]!.message).toMatch(/goroutine 'stuck' leaked: blocked forever in lock of Mutex 'mu'/);
    expect(r.findings[0]!.threads[0]!.startedAt).toMatch(/execution\.test\.ts/);
  });

  it('lets goroutines finish after main returned', async () => {
    const r = await run(async () => {
      const x = shared('x', 0);
      go(async () => {
        for (let i = 0; i < 10; i++) await x.write(i);
      });
    });
    expect(kinds(r)).toEqual([]);
  });

  it('reports goroutines still running at the leak bound', async () => {
    const r = await run(
      async () => {
        go(async () => {
          for (;;) await yieldNow();
        }, 'spinner');
      },
      { leakStepBound: 100, runs: 1 },
    );
    expect(kinds(r)).toEqual(['leak']);
    expect(r.findings[0]!.message).toMatch(/'spinner' leaked: still running/);
  });
});

describe('Execution: guard rails', () => {
  it('reports an operation that was not awaited before the next one, naming its line', async () => {
    const r = await run(async () => {
      const mu = new Mutex();
      void mu.lock();
      await mu.unlock();
    });
    expect(r.findings).toEqual([]);
    expect(r.error?.message).toMatch(/lock of Mutex 'mu#\d+'.* was not awaited/);
    expect(r.error?.location).toMatch(/execution\.test\.ts:\d+:\d+$/);
  });

  it('reports an operation that was not awaited when its goroutine ends', async () => {
    const r = await run(async () => {
      const wg = new WaitGroup();
      void wg.add(1);
    });
    expect(r.error?.message).toMatch(/add\(1\) of WaitGroup .* was not awaited/);
    expect(r.error?.location).toMatch(/execution\.test\.ts/);
  });

  it('reports awaiting a real timer as a scenario error', async () => {
    const r = await run(async () => {
      await yieldNow();
      await new Promise((resolve) => setTimeout(resolve, 5));
      await yieldNow();
    });
    expect(r.error?.message).toMatch(/goroutine 'main' awaited something simcc does not control/);
    expect(r.error?.location).toMatch(/execution\.test\.ts/);
  });

  it('throws when a primitive is created outside an execution', () => {
    expect(() => new Mutex()).toThrow(/new Mutex\(\) was called outside an execution/);
    expect(() => shared('x', 1)).toThrow(/outside an execution/);
    expect(() => go(async () => {})).toThrow(/outside an execution/);
  });

  it('allows ops to be used as promises', async () => {
    const r = await run(async () => {
      const x = shared('x', 1);
      const v = await x.read().then((n) => n * 10);
      assert(v === 10);
      await Promise.all([x.write(2)]);
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });
});

describe("Execution: the watchdog's progress counter", () => {
  // The supervisor reports a synchronous loop when this counter stops moving (harness/supervisor.ts). A
  // scenario that starts many goroutines in one loop runs simcc's code, not its own spin: each start
  // moves the counter, before any of those goroutines takes a step.
  it('moves with every goroutine started, not only with steps', async () => {
    const progress = new Int32Array(8);
    let moved = -1;
    const r = await run(
      async () => {
        const wg = new WaitGroup();
        await wg.add(1000);
        const before = progress[0]!;
        for (let i = 0; i < 1000; i++) go(async () => wg.done());
        moved = progress[0]! - before;
        await wg.wait();
      },
      { runs: 1, progress },
    );
    expect(r.findings).toEqual([]);
    expect(moved).toBe(1000);
  });
});
