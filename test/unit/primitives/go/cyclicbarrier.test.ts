import { describe, expect, it } from 'vitest';
import { go, yieldNow, shared, assert, CyclicBarrier, WaitGroup, Channel, context, sleep } from '../../../../src/index.js';
import { run, kinds } from '../../../helpers.js';

describe('CyclicBarrier', () => {
  it('releases all parties when the last arrives, then resets for the next round', async () => {
    const r = await run(async () => {
      const b = new CyclicBarrier(3, { name: 'b' });
      const phase = [shared('phase[0]', 0), shared('phase[1]', 0), shared('phase[2]', 0)];
      const wg = new WaitGroup();
      await wg.add(3);
      for (let i = 0; i < 3; i++) {
        go(async () => {
          for (let round = 1; round <= 3; round++) {
            await phase[i]!.write(round);
            assert((await b.await()) === null);
            // Everyone wrote this round before anyone passes: read the others' phase.
            for (const p of phase) assert((await p.read()) >= round, 'a party passed before all arrived');
            assert((await b.await()) === null); // a second barrier: nobody writes round+1 while others read
          }
          await wg.done();
        }, `party-${i}`);
      }
      await wg.wait();
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('without the second barrier, a fast party writes the next round while a slow one reads: a race', async () => {
    const r = await run(async () => {
      const b = new CyclicBarrier(2);
      const phase = [shared('phase[0]', 0), shared('phase[1]', 0)];
      const wg = new WaitGroup();
      await wg.add(2);
      for (let i = 0; i < 2; i++) {
        go(async () => {
          for (let round = 1; round <= 2; round++) {
            await phase[i]!.write(round);
            await b.await();
            await phase[1 - i]!.read();
          }
          await wg.done();
        });
      }
      await wg.wait();
    });
    expect(kinds(r)).toEqual(['data-race']);
  });

  it('the last party runs the action before anyone is released; its writes reach every party', async () => {
    const r = await run(async () => {
      const total = shared('total', 0);
      const b = new CyclicBarrier(3, {
        action: async () => {
          await total.update((v) => v + 100);
        },
      });
      const wg = new WaitGroup();
      await wg.add(3);
      for (let i = 0; i < 3; i++) {
        go(async () => {
          await b.await();
          assert((await total.read()) === 100, 'the action had not run');
          await wg.done();
        });
      }
      await wg.wait();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('too few parties: the waiters are blocked forever and the report says who arrived', async () => {
    const r = await run(async () => {
      const b = new CyclicBarrier(3, { name: 'b' });
      go(async () => {
        await b.await();
      }, 'h1');
      await b.await();
    });
    expect(kinds(r)).toEqual(['deadlock']);
    expect(r.findings[0]!.details!.join('\n')).toMatch(/CyclicBarrier 'b' round 1: '(main|h1)', '(main|h1)' arrived; it waits for 1 more party/);
  });

  it('reset breaks the waiters of the round with `broken barrier`; later rounds work again', async () => {
    const r = await run(
      async () => {
        const b = new CyclicBarrier(2, { name: 'b' });
        const got = new Channel<string>(1);
        go(async () => {
          try {
            await b.await();
            await got.send('passed');
          } catch (e) {
            await got.send((e as Error).message);
          }
        }, 'waiter');
        await sleep(1);
        await b.reset();
        assert((await got.recv()) === 'broken barrier');
        assert((await b.isBroken()) === false, 'reset gives a fresh round');
        go(async () => {
          await b.await();
        }, 'second');
        assert((await b.await()) === null);
      },
      { timeMode: 'synctest' },
    );
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('an uncaught broken barrier is a barrier-broken finding with Go-like text', async () => {
    const r = await run(
      async () => {
        const b = new CyclicBarrier(2, { name: 'b' });
        go(async () => {
          await b.await();
        }, 'waiter');
        await sleep(1);
        await b.reset();
      },
      { timeMode: 'synctest' },
    );
    expect(kinds(r)).toEqual(['barrier-broken']);
    expect(r.findings[0]!.message).toBe('broken barrier');
    expect(r.findings[0]!.threads[0]!.name).toBe('waiter');
  });

  it("a party's context timing out breaks the round: it gets ctx.err(), the others broken barrier, later awaits too until reset", async () => {
    const r = await run(
      async () => {
        const b = new CyclicBarrier(3, { name: 'b' });
        const [ctx] = context.withTimeout(context.background(), 10);
        const got = new Channel<string>(1);
        go(async () => {
          try {
            await b.await();
            await got.send('passed');
          } catch (e) {
            await got.send((e as Error).message);
          }
        }, 'patient');
        await yieldNow();
        const err = await b.await(ctx);
        assert(err === context.DeadlineExceeded, `got ${String(err)}`);
        assert((await got.recv()) === 'broken barrier');
        assert((await b.isBroken()) === true, 'broken is sticky');
        let late = '';
        try {
          await b.await();
        } catch (e) {
          late = (e as Error).message;
        }
        assert(late === 'broken barrier', `a later await got '${late}'`);
        await b.reset();
        assert((await b.numberWaiting()) === 0);
      },
      { timeMode: 'synctest' },
    );
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a waiter both released and interrupted picks one of the two (a recorded choice); interrupted, it breaks the current round', async () => {
    const seen = new Set<string>();
    const r = await run(
      async () => {
        const b = new CyclicBarrier(2, { name: 'b' });
        const [ctx, cancel] = context.withCancel(context.background());
        const got = new Channel<string>(1);
        go(async () => {
          try {
            const err = await b.await(ctx);
            await got.send(err ? err.message : 'passed');
          } catch (e) {
            await got.send((e as Error).message);
          }
        }, 'waiter');
        await sleep(1); // the waiter has arrived
        await cancel();
        let mine = '';
        try {
          mine = (await b.await()) === null ? 'passed' : 'error';
        } catch (e) {
          mine = (e as Error).message;
        }
        seen.add(`${await got.recv()} / ${mine} / broken ${await b.isBroken()}`);
      },
      { timeMode: 'synctest', runs: 300 },
    );
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect([...seen].sort()).toEqual([
      // interrupted before main arrived: main finds the round broken
      'context canceled / broken barrier / broken true',
      // interrupted after main arrived, before the trip: it breaks round 1, which then trips
      'context canceled / passed / broken false',
      // released and interrupted, it picks its context: it breaks round 2, the current one
      'context canceled / passed / broken true',
      // released and interrupted, it picks the trip
      'passed / passed / broken false',
    ]);
  });

  it('a context already done returns its error without arriving', async () => {
    const r = await run(async () => {
      const b = new CyclicBarrier(2);
      const [ctx, cancel] = context.withCancel(context.background());
      await cancel();
      assert((await b.await(ctx)) === context.Canceled);
      assert((await b.numberWaiting()) === 0 && (await b.isBroken()) === false);
    });
    expect(kinds(r)).toEqual([]);
  });

  it('an action that throws breaks the round: the last party gets the error, the others broken barrier', async () => {
    const r = await run(async () => {
      const b = new CyclicBarrier(2, {
        action: async () => {
          throw new Error('action failed');
        },
      });
      const got = new Channel<string>(2);
      const wg = new WaitGroup();
      await wg.add(2);
      for (let i = 0; i < 2; i++) {
        go(async () => {
          try {
            const err = await b.await();
            await got.send(err ? `returned ${err.message}` : 'passed');
          } catch (e) {
            await got.send(`threw ${(e as Error).message}`);
          }
          await wg.done();
        });
      }
      await wg.wait();
      const outcomes = [(await got.recv())!, (await got.recv())!].sort();
      assert(outcomes.join('|') === 'returned action failed|threw broken barrier', outcomes.join('|'));
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('more goroutines than parties: one arriving between the last arrival and the trip panics', async () => {
    const r = await run(async () => {
      const b = new CyclicBarrier(2, { name: 'b' });
      const wg = new WaitGroup();
      await wg.add(3);
      for (let i = 0; i < 3; i++) {
        go(async () => {
          await b.await();
          await wg.done();
        }, `p${i}`);
      }
      await wg.wait();
    });
    // Either the overfill panic, or two pass and the third waits forever.
    expect(['barrier-broken', 'deadlock']).toContain(kinds(r)[0]);
    const over = await run(
      async () => {
        const b = new CyclicBarrier(2);
        const wg = new WaitGroup();
        await wg.add(4); // two full rounds: only the overfill can go wrong
        for (let i = 0; i < 4; i++) {
          go(async () => {
            try {
              await b.await();
            } catch (e) {
              assert((e as Error).message !== 'CyclicBarrier.Await is called more than count of parties', 'overfill');
            }
            await wg.done();
          });
        }
        await wg.wait();
      },
      { runs: 500 },
    );
    expect(kinds(over)).toContain('assertion');
  });

  it('rejects a non-positive number of parties with the library panic', async () => {
    const r = await run(async () => {
      new CyclicBarrier(0);
    });
    expect(kinds(r)).toEqual(['barrier-broken']);
    expect(r.findings[0]!.message).toBe('parties must be positive number');
    expect((await run(async () => new CyclicBarrier(1.5), { runs: 1 })).error?.message).toMatch(/integer number of parties/);
  });
});
