import { describe, expect, it } from 'vitest';
import { exploreScenario } from '../../../../src/harness/explore.js';
import { Barrier } from '../../../../src/primitives/rust/barrier.js';
import { scenario } from '../../../../src/primitives/rust/scenario.js';
import { thread } from '../../../../src/primitives/rust/thread.js';
import { UnsafeCell } from '../../../../src/primitives/rust/unsafe-cell.js';
import { exploreOptions } from '../../scheduler/explore-helpers.js';
import { runRust, kinds } from './helpers.js';

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

describe('Barrier', () => {
  it('exactly one leader per generation, the last to arrive; reusable', async () => {
    const rounds: string[][] = [];
    const r = await runRust(async () => {
      const b = new Barrier(3);
      const log: string[][] = [[], []];
      const hs = [0, 1, 2].map((i) =>
        thread.spawn(async () => {
          for (let g = 0; g < 2; g++) log[g]!.push(`${i}:${(await b.wait()).isLeader}`);
        }, `t${i}`),
      );
      for (const h of hs) await h.join();
      rounds.push(...log);
    }, { runs: 50 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    for (const g of rounds) {
      expect(g).toHaveLength(3);
      expect(g.filter((x) => x.endsWith('true'))).toHaveLength(1);
    }
  });

  it('the leader is the last to arrive (explored: each arrival order once)', async () => {
    const seen = new Set<string>();
    const s = scenario('leader', async () => {
      const b = new Barrier(2);
      const gen = b.gen;
      let leader = '';
      const h = thread.spawn(async () => void ((await b.wait()).isLeader && (leader = 'first')), 'first');
      if ((await b.wait()).isLeader) leader = 'main';
      await h.join();
      seen.add(`${gen.arrived.map((t) => t.name).join(',')} → ${leader}`);
    });
    const r = await exploreScenario(s, exploreOptions());
    expect(r.complete).toBe(true);
    expect([...seen].sort()).toEqual(['first,main → main', 'main,first → first']);
  });

  it('Barrier(0) and Barrier(1): every wait returns at once as the leader', async () => {
    const got: boolean[] = [];
    await runRust(async () => {
      got.length = 0;
      got.push((await new Barrier(0).wait()).isLeader, (await new Barrier(1).wait()).isLeader);
    }, { runs: 1 });
    expect(got).toEqual([true, true]);
  });

  it('every arrival happens-before every return of its generation (no race across it; a race without it)', async () => {
    const body = (useBarrier: boolean) => async () => {
      const cells = [0, 1, 2].map((i) => new UnsafeCell(0, `c${i}`));
      const b = new Barrier(3);
      const hs = [0, 1, 2].map((i) =>
        thread.spawn(async () => {
          await cells[i]!.set(1);
          if (useBarrier) await b.wait();
          await cells[(i + 1) % 3]!.get();
        }, `t${i}`),
      );
      for (const h of hs) await h.join();
    };
    const ok = await runRust(body(true), { runs: 100 });
    expect(ok.error).toBeUndefined();
    expect(kinds(ok)).toEqual([]);
    const bad = await runRust(body(false), { runs: 100 });
    expect(kinds(bad)).toEqual(['data-race']);
  });

  it('one thread short: a deadlock naming who arrived', async () => {
    const r = await runRust(async () => {
      const b = new Barrier(3, { name: 'gate' });
      const hs = [0, 1].map((i) => thread.spawn(async () => void (await b.wait()), `t${i}`));
      for (const h of hs) await h.join();
    }, { runs: 5 });
    expect(kinds(r)).toEqual(['deadlock']);
    const text = r.findings[0]!.details!.join('\n');
    expect(text).toContain("wait of Barrier 'gate' (2 of 3 threads arrived)");
    expect(text).toMatch(/Barrier 'gate' generation 1: 't[01]', 't[01]' arrived; it waits for 1 more thread/);
  });

  it.each([2, 3, 4])('explore: %i threads × one wait: n! executions (the order of arrivals), one leader each', async (n) => {
    const leaders = new Set<number>();
    const s = scenario('barrier family', async () => {
      const b = new Barrier(n);
      let count = 0;
      const hs = Array.from({ length: n }, (_, i) => thread.spawn(async () => void ((await b.wait()).isLeader && count++), `t${i}`));
      for (const h of hs) await h.join();
      leaders.add(count);
    });
    const r = await exploreScenario(s, exploreOptions());
    expect(r.error).toBeUndefined();
    expect(r.complete).toBe(true);
    expect(r.executions).toBe(factorial(n));
    expect([...leaders]).toEqual([1]);
  });
});
