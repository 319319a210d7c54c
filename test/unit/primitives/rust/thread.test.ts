import { describe, expect, it } from 'vitest';
import { thread } from '../../../../src/primitives/rust/thread.js';
import { panic, assert, catchUnwind } from '../../../../src/primitives/rust/panic.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { scenario } from '../../../../src/primitives/rust/scenario.js';
import { shared } from '../../../../src/primitives/go/shared.js';
import { AtomicInt } from '../../../../src/primitives/go/atomic.js';
import { now } from '../../../../src/api/time.js';
import { exploreScenario } from '../../../../src/harness/explore.js';
import { exploreOptions } from '../../scheduler/explore-helpers.js';
import { runRust, kinds } from './helpers.js';

describe('thread.spawn and join', () => {
  it('join returns Ok(value) of the thread\'s function', async () => {
    const got: unknown[] = [];
    const r = await runRust(async () => {
      got.length = 0;
      const h = thread.spawn(async () => 6 * 7, 'worker');
      got.push(h.name, (await h.join()).unwrap());
      const anon = thread.spawn(() => 'x');
      got.push(anon.name);
      await anon.join();
    }, { runs: 20 });
    expect(kinds(r)).toEqual([]);
    expect(r.error).toBeUndefined();
    expect(got).toEqual(['worker', 42, 'thread-2']);
  });

  it('a thread that ends in a panic is a finding at once, with the panic\'s own kind and location (an assert stays an assertion)', async () => {
    const lineHere = (): number => Number(/:(\d+):\d+\)?$/.exec(new Error().stack!.split('\n')[2]!)![1]);
    let line = 0;
    let mainGotPast = false;
    const r = await runRust(async () => {
      const h = thread.spawn(async () => {
        line = lineHere() + 1;
        assert(false, 'invariant');
      }, 'worker');
      const res = await h.join();
      mainGotPast = res.isErr();
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['assertion']);
    expect(r.findings[0]!.message).toBe("thread 'worker' panicked: assertion failed: invariant");
    expect(r.findings[0]!.locations[0]).toMatch(new RegExp(`thread\\.test\\.ts:${line}:`));
    expect(mainGotPast).toBe(false);
    const r2 = await runRust(async () => {
      const h = thread.spawn(async () => {
        line = lineHere() + 1;
        panic('p');
      }, 'w');
      (await h.join()).expect('joined');
    }, { runs: 1 });
    expect(kinds(r2)).toEqual(['panic']);
    expect(r2.findings[0]!.message).toBe("thread 'w' panicked: p");
    expect(r2.findings[0]!.locations[0]).toMatch(new RegExp(`thread\\.test\\.ts:${line}:`));
  });

  it('a panic nobody joins is a panic finding too: the handle dropped, or never joined', async () => {
    const dropped = await runRust(async () => {
      const h = thread.spawn(async () => {
        panic('lost');
      }, 'worker');
      await drop(h);
      await thread.sleep(5);
    }, { runs: 50 });
    expect(kinds(dropped)).toEqual(['panic']);
    expect(dropped.findings[0]!.message).toBe("thread 'worker' panicked: lost");
    expect(dropped.findings[0]!.threads[0]!.name).toBe('worker');
    const never = await runRust(async () => {
      thread.spawn(async () => {
        panic('never joined');
      }, 'worker');
    }, { runs: 50 });
    expect(kinds(never)).toEqual(['panic']);
  });

  it('a panic caught by catchUnwind in the thread is no finding; join returns Ok of what the thread made of it', async () => {
    let got: unknown;
    const r = await runRust(async () => {
      const h = thread.spawn(async () => {
        const res = await catchUnwind(async () => panic('handled'));
        return res.isErr() ? res.unwrapErr().message : 'no panic';
      }, 'worker');
      got = (await h.join()).unwrap();
    }, { runs: 20 });
    expect(kinds(r)).toEqual([]);
    expect(got).toBe('handled');
  });

  it('the thread\'s end happens-before join returns: no race; without the join, a race', async () => {
    const joined = await runRust(async () => {
      const x = shared('x', 0);
      const h = thread.spawn(async () => {
        await x.write(1);
      });
      (await h.join()).unwrap();
      assert((await x.read()) === 1);
    });
    expect(kinds(joined)).toEqual([]);
    const unjoined = await runRust(async () => {
      const x = shared('x', 0);
      const h = thread.spawn(async () => {
        await x.write(1);
      });
      while (!(await h.isFinished())) await thread.yieldNow();
      await x.read();
    });
    expect(kinds(unjoined)).toEqual(['data-race']);
  });

  it('exploration sees isFinished both before and after the thread ends', async () => {
    const seen = new Set<boolean>();
    const r = await exploreScenario(
      scenario('isFinished', async () => {
        const x = new AtomicInt(0, 'x');
        const h = thread.spawn(async () => {
          await x.store(1);
        });
        seen.add(await h.isFinished());
        await h.join();
      }),
      exploreOptions(),
    );
    expect(r.findings).toEqual([]);
    expect(r.complete).toBe(true);
    expect([...seen].sort()).toEqual([false, true]);
  });

  it('isFinished, current, sleep', async () => {
    const seen: unknown[] = [];
    const r = await runRust(async () => {
      seen.length = 0;
      const me = thread.current();
      seen.push(me.id, me.name);
      const h = thread.spawn(async () => {
        seen.push(thread.current().name);
        await thread.sleep(10);
        seen.push(now());
      }, 'sleeper');
      seen.push(h.thread().name);
      (await h.join()).unwrap();
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(seen).toEqual([0, 'main', 'sleeper', 'sleeper', 10]);
  });

  it('joining twice is a use after join (join takes the handle)', async () => {
    const r = await runRust(async () => {
      const h = thread.spawn(async () => 1);
      await h.join();
      await h.join();
    }, { runs: 1 });
    expect(r.error?.message).toMatch(/used after it was joined/);
  });
});

describe('thread.scope', () => {
  it('joins every scoped thread when the body returns (their ends happen-before the scope returns)', async () => {
    const r = await runRust(async () => {
      const a = shared('a', 0);
      const b = shared('b', 0);
      await thread.scope(async (s) => {
        s.spawn(async () => {
          await a.write(1);
        });
        s.spawn(async () => {
          await b.write(2);
        });
      });
      assert((await a.read()) + (await b.read()) === 3, 'scope returned before its threads ended');
    });
    expect(kinds(r)).toEqual([]);
    expect(r.error).toBeUndefined();
  });

  it('a panic in a scoped thread is a finding naming that thread', async () => {
    const r = await runRust(async () => {
      await thread.scope(async (s) => {
        s.spawn(async () => {
          panic('scoped boom');
        }, 'inner');
      });
    }, { runs: 5 });
    expect(kinds(r)).toEqual(['panic']);
    expect(r.findings[0]!.message).toBe("thread 'inner' panicked: scoped boom");
  });
});

describe('park and unpark', () => {
  it('an unpark before the park leaves a token: the park returns at once (no deadlock in any order)', async () => {
    const r = await runRust(async () => {
      const h = thread.spawn(async () => {
        await thread.park();
      }, 'parker');
      await h.thread().unpark();
      (await h.join()).unwrap();
    }, { runs: 100 });
    expect(kinds(r)).toEqual([]);
  });

  it('a park nobody unparks blocks (unless it wakes spuriously): a leak or nothing', async () => {
    const r = await runRust(async () => {
      const h = thread.spawn(async () => {
        await thread.park();
      }, 'parker');
      await drop(h);
    }, { runs: 100 });
    expect([...new Set(kinds(r))]).toEqual(['leak']);
  });

  const program = (loop: boolean) =>
    scenario(loop ? 'park in a while' : 'park in an if', async () => {
      const flag = new AtomicInt(0, 'flag');
      const h = thread.spawn(async () => {
        if (loop) {
          while ((await flag.load()) === 0) await thread.park();
        } else if ((await flag.load()) === 0) await thread.park();
        assert((await flag.load()) === 1, 'woke without the flag');
      }, 'waiter');
      await flag.store(1);
      await h.thread().unpark();
      (await h.join()).unwrap();
    });

  it('exhaustive exploration finds the spurious wake-up an `if` around park misses', async () => {
    const bad = await exploreScenario(program(false), exploreOptions());
    expect(bad.findings.map((f) => f.kind)).toContain('assertion');
    const good = await exploreScenario(program(true), exploreOptions());
    expect(good.error).toBeUndefined();
    expect(good.findings).toEqual([]);
    expect(good.complete).toBe(true);
  });
});
