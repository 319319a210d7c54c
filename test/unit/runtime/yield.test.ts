/**
 * yieldNow (runtime/yield.ts): Go's Gosched, scheduled fairly as CHESS does — a yielding goroutine
 * waits only until every goroutine enabled at its yield has taken a step or changed status.
 */
import { describe, expect, it } from 'vitest';
import { AtomicInt, Mutex, WaitGroup, assert, go, scenario, yieldNow } from '../../../src/index.js';
import { exploreScenario } from '../../../src/harness/explore.js';
import { exploreOptions } from '../scheduler/explore-helpers.js';
import { kinds, run } from '../../helpers.js';

describe('yieldNow', () => {
  it('waits until every goroutine enabled at the yield has taken a step', async () => {
    const r = await run(async () => {
      const log: string[] = [];
      go(async () => {
        log.push('other started');
        const x = new AtomicInt(0);
        await x.add(1);
      });
      await yieldNow();
      assert(log[0] === 'other started', `order: ${log.join(', ')}`);
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('then runs like any other goroutine: it may go on before a busy one is done (issue 9)', async () => {
    const r = await run(
      async () => {
        const flag = new AtomicInt(0, 'flag');
        const wg = new WaitGroup();
        await wg.add(2);
        go(async () => {
          let seen = 0;
          for (let i = 0; i < 20; i++) seen = Math.max(seen, await flag.load());
          assert(seen === 0, 'G1 saw the flag while it was still looping');
          await wg.done();
        }, 'G1');
        go(async () => {
          await yieldNow();
          await flag.store(1);
          await wg.done();
        }, 'G2');
        await wg.wait();
      },
      { runs: 50 },
    );
    expect(kinds(r)).toContain('assertion');
  });

  it('a yielding goroutine alone runs at once, and never waits for a blocked one', async () => {
    const r = await run(async () => {
      const mu = new Mutex();
      await mu.lock();
      const log: string[] = [];
      go(async () => {
        await mu.lock(); // blocks: main holds it
        log.push('locked');
        await mu.unlock();
      });
      for (let i = 0; i < 5; i++) await yieldNow();
      log.push('main yielded 5 times');
      await mu.unlock();
      assert(log[0] === 'main yielded 5 times', `order: ${log.join(', ')}`);
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('many yielding goroutines: each runs in turn, none starves and nothing deadlocks', async () => {
    const r = await run(
      async () => {
        const n = new AtomicInt(0);
        const wg = new WaitGroup();
        await wg.add(30);
        for (let i = 0; i < 30; i++) {
          go(async () => {
            for (let k = 0; k < 3; k++) await yieldNow();
            await n.add(1);
            await wg.done();
          });
        }
        await wg.wait();
        assert((await n.load()) === 30, 'all ran');
      },
      { runs: 20 },
    );
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('two yielding goroutines do not wait for each other: either may go on first', async () => {
    const firsts = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      await run(
        async () => {
          let first = '';
          const done = new AtomicInt(0);
          for (const n of ['a', 'b']) {
            go(async () => {
              await yieldNow();
              first ||= n;
              await done.add(1);
            });
          }
          while ((await done.load()) < 2) await yieldNow();
          firsts.add(first);
        },
        { runs: 1, firstSeed: seed },
      );
    }
    expect(firsts).toEqual(new Set(['a', 'b']));
  });

  it('a spin-wait on a flag another goroutine sets is explored completely, without step-limit findings', async () => {
    const s = scenario('spin', async () => {
      const flag = new AtomicInt(0);
      go(() => flag.store(1));
      while ((await flag.load()) === 0) await yieldNow();
    });
    const r = await exploreScenario(s, exploreOptions());
    expect(r).toMatchObject({ complete: true, findings: [] });
    // The setter's start and its store each let the spinner load once more (3 orders of the loads);
    // parking at a yield is ordered with every other step (runtime/yield.ts), which adds the order
    // of the spinner's parking against the setter's start: at most 4 traces.
    expect(r.executions).toBeLessThanOrEqual(4);
  });

  it('a spin-wait nobody ends is still a step-limit finding', async () => {
    const s = scenario({ name: 'spin forever', stepLimit: 300 }, async () => {
      const flag = new AtomicInt(0);
      while ((await flag.load()) === 0) await yieldNow();
    });
    const r = await exploreScenario(s, exploreOptions());
    expect(r.findings.map((f) => f.kind)).toEqual(['step-limit']);
  });
});
