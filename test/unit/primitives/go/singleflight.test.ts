import { describe, expect, it } from 'vitest';
import { go, yieldNow, shared, assert, panic, SingleFlight, WaitGroup, Channel, Mutex, sleep } from '../../../../src/index.js';
import { run, kinds } from '../../../helpers.js';

describe('SingleFlight', () => {
  it('concurrent callers of one key share one run of fn; the leader is shared only if someone waited', async () => {
    const r = await run(async () => {
      const sf = new SingleFlight({ name: 'sf' });
      const calls = shared('dbCalls', 0);
      const release = new Channel<void>(0, { name: 'release' });
      const results = new Channel<{ value: string; shared: boolean }>(3);
      const wg = new WaitGroup();
      await wg.add(3);
      for (let i = 0; i < 3; i++) {
        go(async () => {
          await results.send(
            await sf.do('hot', async () => {
              await calls.update((n) => n + 1);
              await release.recv(); // the query takes a while
              return 'row';
            }),
          );
          await wg.done();
        }, `caller-${i}`);
      }
      await sleep(1); // every caller has entered do
      await release.send();
      await wg.wait();
      assert((await calls.read()) === 1, 'fn ran more than once');
      for (let i = 0; i < 3; i++) {
        const res = (await results.recv())!;
        assert(res.value === 'row' && res.shared, `caller ${i} got ${JSON.stringify(res)}`);
      }
    }, { timeMode: 'synctest' });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a lone caller gets shared: false, and the next flight runs fn again (unlike Once)', async () => {
    const r = await run(async () => {
      const sf = new SingleFlight();
      let runs = 0;
      const a = await sf.do('k', async () => ++runs);
      const b = await sf.do('k', async () => ++runs);
      assert(a.value === 1 && !a.shared && b.value === 2 && !b.shared, JSON.stringify([a, b]));
    });
    expect(kinds(r)).toEqual([]);
  });

  it('different keys do not wait for each other', async () => {
    const r = await run(async () => {
      const sf = new SingleFlight();
      const gate = new Channel<void>(0);
      go(async () => {
        await sf.do('a', async () => {
          await gate.recv();
        });
      });
      await yieldNow();
      await yieldNow();
      const res = await sf.do('b', async () => 'b'); // would deadlock if it waited for 'a'
      assert(res.value === 'b' && !res.shared);
      await gate.send();
    });
    expect(kinds(r)).toEqual([]);
  });

  it("the end of fn happens-before every waiter's return: no race on what fn wrote", async () => {
    const r = await run(async () => {
      const sf = new SingleFlight();
      const cache = shared('cache', '');
      const release = new Channel<void>(0);
      const wg = new WaitGroup();
      await wg.add(3);
      for (let i = 0; i < 3; i++) {
        go(async () => {
          await sf.do('k', async () => {
            await release.recv();
            await cache.write('loaded');
          });
          assert((await cache.read()) === 'loaded');
          await wg.done();
        });
      }
      await sleep(1); // all three are in do: one flight
      await release.send();
      await wg.wait();
    }, { timeMode: 'synctest' });
    expect(kinds(r)).toEqual([]);
  });

  it('without singleflight the same cache fill races', async () => {
    const r = await run(async () => {
      const cache = shared('cache', '');
      const wg = new WaitGroup();
      await wg.add(2);
      for (let i = 0; i < 2; i++) {
        go(async () => {
          await cache.write('loaded');
          await wg.done();
        });
      }
      await wg.wait();
    });
    expect(kinds(r)).toEqual(['data-race']);
  });

  it('a waiter that arrives after fn ended is not ordered after it: two flights race', async () => {
    const r = await run(async () => {
      const sf = new SingleFlight();
      const x = shared('x', 0);
      const wg = new WaitGroup();
      await wg.add(2);
      for (let i = 0; i < 2; i++) {
        go(async () => {
          await sf.do('k', async () => {
            await x.update((v) => v + 1);
          });
          await wg.done();
        });
      }
      await wg.wait();
    });
    expect(kinds(r)).toEqual(['data-race']);
  });

  it('a panic in fn reaches every caller; each may recover', async () => {
    const r = await run(async () => {
      const sf = new SingleFlight();
      const release = new Channel<void>(0);
      const got = new Channel<string>(3);
      const wg = new WaitGroup();
      await wg.add(3);
      for (let i = 0; i < 3; i++) {
        go(async () => {
          try {
            await sf.do('k', async () => {
              await release.recv();
              panic('db down');
            });
            await got.send('returned');
          } catch (e) {
            await got.send((e as Error).message);
          }
          await wg.done();
        });
      }
      await sleep(1);
      await release.send();
      await wg.wait();
      for (let i = 0; i < 3; i++) {
        const m = await got.recv();
        assert(m === 'db down', `a caller saw ${m}`);
      }
    }, { timeMode: 'synctest' });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('an uncaught panic in fn is a finding at the panic', async () => {
    const r = await run(async () => {
      const sf = new SingleFlight();
      await sf.do('k', async () => {
        panic('boom');
      });
    });
    expect(kinds(r)).toEqual(['panic']);
    expect(r.findings[0]!.message).toBe('boom');
    expect(r.findings[0]!.locations[0]).toMatch(/singleflight\.test\.ts:\d+:\d+$/);
  });

  it('a waiter that does not catch the panic is the finding when the leader recovers', async () => {
    const r = await run(async () => {
      const sf = new SingleFlight();
      go(async () => {
        await sf.do('k', async () => 'never');
      }, 'waiter');
      try {
        await sf.do('k', async () => {
          await yieldNow();
          await yieldNow();
          throw new Error('fetch failed');
        });
      } catch {
        /* recovered */
      }
    });
    // On the schedules where main leads and the waiter joins, the waiter rethrows and does not catch.
    expect(kinds(r)).toEqual(['panic']);
    expect(r.findings[0]!.message).toBe('fetch failed');
    expect(r.findings[0]!.threads.map((t) => t.name)).toEqual(['waiter']);
  });

  it('forget starts a new flight; the old one does not drop the new entry when it ends', async () => {
    const r = await run(async () => {
      const sf = new SingleFlight({ name: 'sf' });
      const first = new Channel<void>(0, { name: 'first' });
      const second = new Channel<void>(0, { name: 'second' });
      let runs = 0;
      const wg = new WaitGroup();
      await wg.add(2);
      go(async () => {
        await sf.do('k', async () => {
          runs++;
          await first.recv();
          return 1;
        });
        await wg.done();
      }, 'old');
      await sleep(1);
      await sf.forget('k');
      go(async () => {
        const res = await sf.do('k', async () => {
          runs++;
          await second.recv();
          return 2;
        });
        assert(res.value === 2 && res.shared, JSON.stringify(res));
        await wg.done();
      }, 'new');
      await sleep(1);
      await first.send(); // the old flight ends while the new one is in flight
      await wg.add(1);
      go(async () => {
        const res = await sf.do('k', async () => 3); // still joins the new flight
        assert(res.value === 2, `joined ${JSON.stringify(res)}`);
        await wg.done();
      }, 'joiner');
      await sleep(1);
      await second.send();
      await wg.wait();
      assert(runs === 2, `fn ran ${runs} times`);
    }, { timeMode: 'synctest', runs: 1 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('calling do for a key inside its own fn deadlocks, reported at once', async () => {
    const r = await run(async () => {
      const sf = new SingleFlight({ name: 'sf' });
      go(async () => {
        for (;;) await yieldNow(); // keeps running: only the wait on itself can report it
      }, 'spinner');
      await sf.do('k', async () => {
        await sf.do('k', async () => 0);
      });
    }, { stepLimit: 100_000 });
    expect(kinds(r)).toEqual(['deadlock']);
    expect(r.findings[0]!.message).toBe("goroutine 'main' calls do('k') of SingleFlight 'sf' inside the call it runs for that key: it waits for itself forever");
  });

  it("a waiter joins the wait-for graph: holding the leader's lock is a deadlock cycle, while others run", async () => {
    const r = await run(async () => {
      const sf = new SingleFlight();
      const mu = new Mutex({ name: 'mu' });
      const inFn = new Channel<void>(0);
      const locked = new Channel<void>(0);
      go(async () => {
        for (;;) await yieldNow();
      }, 'spinner');
      go(async () => {
        await inFn.recv();
        await mu.lock();
        await locked.send();
        await sf.do('k', async () => 0); // main's call is in flight: it waits for main
        await mu.unlock();
      }, 'waiter');
      await sf.do('k', async () => {
        await inFn.send();
        await locked.recv();
        await mu.lock(); // held by the waiter, who waits for this call
        await mu.unlock();
      });
    }, { runs: 20, stepLimit: 3_000 });
    expect(kinds(r)).toEqual(['deadlock']);
    expect(r.findings[0]!.message).toMatch(/^goroutines '(main|waiter)', '(main|waiter)' wait for each other in a cycle$/);
  });

  it('rejects bad inputs', async () => {
    const err = async (body: () => Promise<unknown>) => (await run(body, { runs: 1 })).error?.message ?? '';
    expect(await err(async () => new SingleFlight().do(1 as never, async () => 0))).toMatch(/key must be a string/);
    expect(await err(async () => new SingleFlight().do('k', 5 as never))).toMatch(/fn must be a function/);
  });
});
