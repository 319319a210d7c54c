/**
 * The fair-yield rule prunes schedules (runtime/yield.ts): `explore` says so in its report when, and only
 * when, the rule held a yielding thread back while another could run (ExploreReport.fairYields).
 */
import { describe, expect, it } from 'vitest';
import { coverageText } from '../../../src/report/explore.js';
import { exploreScenario } from '../../../src/harness/explore.js';
import { scenario, go, AtomicInt, WaitGroup, yieldNow } from '../../../src/index.js';
import { exploreOptions } from '../scheduler/explore-helpers.js';

describe('fair yields in the explore report', () => {
  it('a yield held back while another goroutine could run: complete, and the pruning stated', async () => {
    const s = scenario('yield in straight-line code', async () => {
      const x = new AtomicInt(0, 'x');
      const wg = new WaitGroup();
      await wg.add(1);
      go(async () => {
        await x.add(1);
        await yieldNow();
        await x.add(1);
        await wg.done();
      }, 'child');
      await x.load();
      await wg.wait();
    });
    const r = await exploreScenario(s, exploreOptions({ all: false }));
    expect([r.complete, r.fairYields]).toEqual([true, true]);
    expect(coverageText(r, {})).toMatch(/^complete, every interleaving covered up to equivalence under fair yields: /);
  });

  it('no yield held back (none, or nobody else could run): nothing stated', async () => {
    const alone = scenario('a yield with nobody else runnable', async () => {
      const x = new AtomicInt(0, 'x');
      await x.add(1);
      await yieldNow();
      await x.add(1);
    });
    const r = await exploreScenario(alone, exploreOptions({ all: false }));
    expect([r.complete, r.fairYields]).toEqual([true, undefined]);
    expect(coverageText(r, {})).toBe('complete, every interleaving covered up to equivalence');
  });
});
