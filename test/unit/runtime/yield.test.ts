/** yieldNow (runtime/yield.ts): Go's Gosched — every other goroutine that can run goes first. */
import { describe, expect, it } from 'vitest';
import { AtomicInt, assert, go, scenario, yieldNow } from '../../../src/index.js';
import { exploreScenario } from '../../../src/harness/explore.js';
import { exploreOptions } from '../scheduler/explore-helpers.js';
import { kinds, run } from '../../helpers.js';

describe('yieldNow', () => {
  it('lets every other goroutine that can run take its steps first', async () => {
    const r = await run(async () => {
      const log: string[] = [];
      go(async () => {
        const x = new AtomicInt(0);
        await x.add(1);
        log.push('other ran');
      });
      await yieldNow();
      log.push('main goes on');
      assert(log[0] === 'other ran', `order: ${log.join(', ')}`);
    });
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
    expect(r.executions).toBeLessThanOrEqual(2);
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
