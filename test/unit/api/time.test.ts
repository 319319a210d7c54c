import { describe, expect, it } from 'vitest';
import { go, yieldNow, assert, shared, Channel, select, sleep, after, now, newTimer, afterFunc, WaitGroup } from '../../../src/index.js';
import { run, kinds } from '../../helpers.js';
import { scenario } from '../../../src/api/scenario.js';
import { exploreScenario } from '../../../src/harness/explore.js';
import { exploreOptions } from '../scheduler/explore-helpers.js';

// Exact virtual times are asserted under synctest, where no timer fires while a goroutine can run.
// In free mode a timer may fire at any step, even before a goroutine has started its own timer
// (a machine stall), so free-mode tests assert only what holds in every such schedule.
const SYNCTEST = { timeMode: 'synctest' } as const;

describe('virtual time', () => {
  it('now() starts at 0 and moves only when a timer fires', async () => {
    const r = await run(async () => {
      assert(now() === 0);
      await yieldNow();
      assert(now() === 0, 'steps do not move time');
      await sleep(10);
      assert(now() === 10, `after sleep(10): ${now()}`);
      await sleep(5);
      assert(now() === 15);
      await sleep(0);
      await sleep(-3);
      assert(now() === 15, 'sleep(0) and negative sleeps return at once');
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('after(ms) delivers the time it fired', async () => {
    const r = await run(async () => {
      await sleep(5);
      const c = after(20);
      assert((await c.recv()) === 25);
      assert(now() === 25);
      assert((await c.cap()) === 1, 'room for one value, as in Go');
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('timers fire in deadline order, whatever the order they were started in', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const order: string[] = [];
      const body = async (): Promise<void> => {
        const wg = new WaitGroup();
        await wg.add(3);
        for (const [name, ms] of [['late', 30], ['early', 10], ['middle', 20]] as const) {
          go(async () => {
            await sleep(ms);
            order.push(`${name}@${now()}`);
            await wg.done();
          }, name);
        }
        await wg.wait();
      };
      const r = await run(body, { runs: 1, firstSeed: seed, ...SYNCTEST });
      expect(kinds(r)).toEqual([]);
      expect(order).toEqual(['early@10', 'middle@20', 'late@30']);
    }
  });

  it('free mode: time never goes back, and each sleeper wakes at its own deadline or later', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const woke: number[] = [];
      const r = await run(
        async () => {
          const wg = new WaitGroup();
          await wg.add(3);
          for (const ms of [30, 10, 20]) {
            go(async () => {
              const start = now();
              await sleep(ms);
              assert(now() >= start + ms);
              woke.push(now());
              await wg.done();
            });
          }
          await wg.wait();
        },
        { runs: 1, firstSeed: seed },
      );
      expect(kinds(r)).toEqual([]);
      expect(woke).toEqual([...woke].sort((a, b) => a - b));
    }
  });

  // Free mode: a sleep starts from the time its goroutine has seen pass (VectorClock.known), not from the
  // clock, so it commutes with firings it knows nothing of. What the goroutine can see must still hold
  // in every execution: a sleep after a read of the clock, or after a message carrying a time, lasts.
  it('free mode, every execution: a sleep after now() ends at least its duration later', async () => {
    const r = await exploreScenario(
      scenario('sleep after now', async () => {
        const wg = new WaitGroup();
        await wg.add(1);
        go(async () => {
          await sleep(50); // moves the clock while the worker may not have started yet
          await wg.done();
        }, 'other');
        go(async () => {
          const t0 = now();
          await sleep(10);
          assert(now() - t0 >= 10, `slept ${now() - t0} ms of 10`);
        }, 'worker');
        await wg.wait();
      }),
      exploreOptions(),
    );
    expect(r.complete).toBe(true);
    expect(r.findings).toEqual([]);
    expect(r.executions).toBeGreaterThan(1);
  });

  it('free mode, every execution: a sleep after receiving a time ends at least its duration after it', async () => {
    const r = await exploreScenario(
      scenario('sleep after a received time', async () => {
        const ch = new Channel<number>(0, { name: 'ch' });
        go(async () => {
          await sleep(100);
          await ch.send(now());
        }, 'sender');
        go(async () => {
          await sleep(30); // another firing, unrelated to the sender's
        }, 'other');
        const t1 = (await ch.recv())!;
        await sleep(10);
        assert(now() - t1 >= 10, `main slept ${now() - t1} ms of 10 after the time it received`);
      }),
      exploreOptions(),
    );
    expect(r.complete).toBe(true);
    expect(r.findings).toEqual([]);
  });

  it('free mode: a sleep that started before an unrelated timer fired is not explored again after it', async () => {
    // n goroutines each sleep once, and main waits on one `after`: whether a sleep starts before or after
    // another goroutine's timer fires changes nothing they can see. (Starting from the clock, 3 sleepers
    // took 64 executions.)
    const sleepers = (n: number) =>
      scenario(`${n} sleepers`, async () => {
        const wg = new WaitGroup();
        await wg.add(n);
        for (let i = 0; i < n; i++) {
          go(async () => {
            await sleep(i + 1);
            await wg.done();
          }, `sleeper-${i}`);
        }
        await after(n + 1).recv();
        await wg.wait();
      });
    const counts: number[] = [];
    for (const n of [1, 2, 3]) {
      const r = await exploreScenario(sleepers(n), exploreOptions());
      expect(r.complete).toBe(true);
      counts.push(r.executions);
    }
    expect(counts[2]).toBeLessThan(64);
  });

  it('timers with the same deadline fire in an order the scheduler chooses', async () => {
    const orders = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) {
      const order: string[] = [];
      const body = async (): Promise<void> => {
        const a = after(10);
        const b = after(10);
        const out = new Channel<string>(2);
        go(async () => out.send(`a${await a.recv()}`));
        go(async () => out.send(`b${await b.recv()}`));
        order.push((await out.recv())!, (await out.recv())!);
      };
      await run(body, { runs: 1, firstSeed: seed, ...SYNCTEST });
      orders.add(order.join());
    }
    expect(orders).toEqual(new Set(['a10,b10', 'b10,a10']));
  });

  it('free mode: a timeout can fire while the work it guards is still runnable', async () => {
    const outcomes = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const body = async (): Promise<void> => {
        const result = new Channel<string>(1);
        go(async () => {
          await yieldNow(); // fast work: no blocking, no time
          await result.send('work');
        });
        const r = await select([result.recvCase(), after(1000).recvCase()]);
        outcomes.add(r.index === 0 ? 'work' : 'timeout');
      };
      await run(body, { runs: 1, firstSeed: seed });
    }
    expect(outcomes).toEqual(new Set(['work', 'timeout']));
  });

  it('synctest mode: timers fire only when every goroutine is blocked', async () => {
    const body = async (): Promise<void> => {
      const result = new Channel<string>(1);
      go(async () => {
        for (let i = 0; i < 5; i++) await yieldNow();
        await result.send('work');
      });
      const r = await select([result.recvCase(), after(1).recvCase()]);
      assert(r.index === 0, 'the timeout fired while the worker could still run');
      assert(now() === 0);
    };
    const r = await run(body, SYNCTEST);
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a fully blocked program fires the next timer instead of reporting a deadlock', async () => {
    const r = await run(async () => {
      const c = new Channel<number>();
      go(async () => {
        await sleep(100);
        await c.send(1);
      }, 'late-sender');
      assert((await c.recv()) === 1);
      assert(now() >= 100);
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a deadlock is reported once no timer is pending', async () => {
    const r = await run(async () => {
      const c = new Channel<number>(0, { name: 'c' });
      after(50); // nobody receives: it fires, then nothing is left
      await c.recv();
    });
    expect(kinds(r)).toEqual(['deadlock']);
    expect(r.findings[0]!.message).toBe('all goroutines are asleep - deadlock!');
  });

  it('newTimer: stop before it fires returns true and nothing is delivered', async () => {
    const body = async (): Promise<void> => {
      const t = newTimer(10);
      assert((await t.stop()) === true);
      assert((await t.stop()) === false, 'a second stop finds it inactive');
      await sleep(20);
      const got = await select([t.c.recvCase()], { default: true });
      assert(got.index === -1, 'a stopped timer delivered a value');
    };
    const r = await run(body, SYNCTEST);
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('newTimer: stop after the value was received returns false', async () => {
    const r = await run(async () => {
      const t = newTimer(10);
      assert((await t.c.recv()) === 10);
      assert((await t.stop()) === false);
    });
    expect(kinds(r)).toEqual([]);
  });

  it('newTimer (Go 1.23): stop after it fired unreceived discards the stale value and returns true', async () => {
    const r = await run(async () => {
      const t = newTimer(10);
      await sleep(20);
      assert((await t.c.len()) === 1);
      assert((await t.stop()) === true);
      assert((await t.c.len()) === 0, 'a stale value survived stop');
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('newTimer: reset re-arms it from now, and reports whether it was active', async () => {
    const body = async (): Promise<void> => {
      const t = newTimer(10);
      await sleep(5);
      assert((await t.reset(20)) === true);
      assert((await t.c.recv()) === 25, 'fires 20 ms after the reset');
      assert((await t.reset(5)) === false, 'it had fired and been received');
      assert((await t.c.recv()) === 30);
    };
    const r = await run(body, SYNCTEST);
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('afterFunc runs its function in a goroutine of its own at the deadline; stop prevents it', async () => {
    const body = async (): Promise<void> => {
      const ran = new Channel<string>(2);
      afterFunc(15, async () => {
        await ran.send(`fired at ${now()}`);
      });
      const stopped = afterFunc(5, async () => {
        await ran.send('stopped one ran');
      });
      assert((await stopped.stop()) === true);
      assert((await ran.recv()) === 'fired at 15');
      await sleep(10);
      assert((await ran.len()) === 0);
    };
    const r = await run(body, SYNCTEST);
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('afterFunc: what was done before it was set is visible to the function, what was done after is not', async () => {
    const before = await run(async () => {
      const x = shared('x', 0);
      const done = new Channel<void>();
      await x.write(1);
      afterFunc(10, async () => {
        await x.read();
        await done.send();
      });
      await done.recv();
    });
    expect(kinds(before)).toEqual([]);
    const later = await run(async () => {
      const x = shared('x', 0);
      const done = new Channel<void>(1);
      afterFunc(10, async () => {
        await x.read();
        await done.send();
      });
      await x.write(1);
      await done.recv();
    });
    expect(kinds(later)).toEqual(['data-race']);
  });

  it('a timer value carries the clock of whoever started (or reset) the timer', async () => {
    // synctest: the 1000 ms timer cannot fire before the reset (in free mode it may, and then the
    // value carries only the clock of newTimer's caller: a race, rightly)
    const ordered = async (): Promise<void> => {
      const x = shared('x', 0);
      const t = newTimer(1000);
      const done = new Channel<void>();
      go(async () => {
        await t.c.recv();
        await x.read();
        await done.send();
      }, 'waiter');
      await x.write(1);
      await t.reset(10); // a release after the write
      await done.recv();
    };
    expect(kinds(await run(ordered, SYNCTEST))).toEqual([]);
    const racy = await run(async () => {
      const x = shared('x', 0);
      const t = newTimer(10);
      const done = new Channel<void>();
      go(async () => {
        await t.c.recv();
        await x.read();
        await done.send();
      }, 'waiter');
      await x.write(1); // after the timer was started: not ordered before the waiter's read
      await done.recv();
    });
    expect(kinds(racy)).toEqual(['data-race']);
  });

  it('after main returns, pending timers still fire within the leak bound', async () => {
    const r = await run(async () => {
      go(async () => {
        await sleep(5000);
      }, 'slow-cleanup');
    });
    expect(kinds(r)).toEqual([]);
    const beyond = await run(
      async () => {
        go(async () => {
          await sleep(5000);
        }, 'too-slow');
      },
      { leakTimeBound: 1000, ...SYNCTEST },
    );
    expect(kinds(beyond)).toEqual(['leak']);
    expect(beyond.findings[0]!.message).toBe(
      "goroutine 'too-slow' leaked: still blocked in sleep(5000) until 5000 ms when the leak check gave up (a timer is pending past its bound)",
    );
  });

  it('rejects a duration that is not a number', async () => {
    const r = await run(async () => {
      await sleep('10' as unknown as number);
    });
    expect(r.error?.message).toBe('sleep needs a number of milliseconds, got 10');
  });
});
