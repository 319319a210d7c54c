/**
 * Random small tokio programs against brute force: tasks cancelling tokens (a synchronous code touch,
 * Execution.noteTouch), reading them, selecting on a token against a sleep, sleeping and yielding.
 * DPOR must explore exactly brute force's traces, each once, and see the same outcomes. With yields
 * (a parked yield's fair priority is scheduler state, runtime/yield.ts) DPOR may explore one trace of
 * a pair that differ only in which step let the yield run, as in the Go random programs
 * (test/unit/scheduler/dpor.test.ts): never a trace brute force does not have, and the same outcomes.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { scenario } from '../../../../src/primitives/tokio/scenario.js';
import { spawn, yieldNow } from '../../../../src/primitives/tokio/task.js';
import { sleep } from '../../../../src/primitives/tokio/time.js';
import { select } from '../../../../src/primitives/tokio/select.js';
import { CancellationToken } from '../../../../src/primitives/tokio/token.js';
import { dporSplit, finishedBruteForce, outcomeSet, seedsBruteForceFinishes } from '../../scheduler/explore-helpers.js';

type TOp = { k: 'cancel'; t: number } | { k: 'is'; t: number } | { k: 'sel'; t: number; ms: number } | { k: 'sleep'; ms: number } | { k: 'yield' };

function randomTokio(seed: number, yields: boolean): TOp[][] {
  const rng = seedrandom.alea(`tokio-${seed}`);
  const int = (n: number) => Math.floor(rng() * n);
  const op = (): TOp => {
    switch (int(yields ? 5 : 4)) {
      case 0: return { k: 'cancel', t: int(2) };
      case 1: return { k: 'is', t: int(2) };
      case 2: return { k: 'sel', t: int(2), ms: 1 + int(2) };
      case 3: return { k: 'sleep', ms: 1 + int(2) };
      default: return { k: 'yield' };
    }
  };
  return Array.from({ length: 3 }, () => Array.from({ length: 1 + int(2) }, op));
}


describe('tokio: DPOR against brute force on random programs with token cancels', { timeout: 600_000 }, () => {
  const check = async (seed: number, yields: boolean): Promise<void> => {
    const prog = randomTokio(seed, yields);
    let log: Record<string, unknown[]> = {};
    const s = scenario(`tokio random ${seed}`, async () => {
      log = {};
      const see = (who: string, v: unknown) => void (log[who] ??= []).push(v);
      const T = [new CancellationToken(), new CancellationToken()];
      const hs = prog.map((ops, n) =>
        spawn(async () => {
          const who = `t${n}`;
          for (const o of ops) {
            switch (o.k) {
              case 'cancel': T[o.t]!.cancel(); break;
              case 'is': see(who, T[o.t]!.isCancelled()); break;
              case 'sel': see(who, (await select([T[o.t]!.cancelledBranch(), sleep(o.ms)])).index); break;
              case 'sleep': await sleep(o.ms); break;
              case 'yield': await yieldNow(); break;
            }
          }
        }, `t${n}`),
      );
      for (const h of hs) await h.join();
    });
    const seen = () => Object.fromEntries(Object.entries(log).sort(([a], [b]) => (a < b ? -1 : 1)));
    const brute = await finishedBruteForce(s, seen, 10_000);
    for (const target of [1, 8]) {
      const d = await dporSplit(s, target, seen);
      expect(new Set(d.forms).size).toBe(d.forms.length);
      if (yields) for (const f of d.forms) expect(brute.forms).toContain(f);
      else expect([...d.forms].sort()).toEqual([...new Set(brute.forms)].sort());
      expect(outcomeSet(d.outcomes)).toEqual(outcomeSet(brute.outcomes));
    }
  };
  // Program 28 (and 54, 72, 94) lost traces before DporExplorer.restore (a wakeup-tree leaf that could not run
  // covered the sequences inserted after it).
  // The programs whose brute force needs more than 5,000 executions are left out: they checked nothing
  // (53 of the 56 s of CPU this test took). The cap of 10,000 leaves room for the kept ones (at most 2,651).
  const tooBig = [0, 1, 2, 4, 5, 7, 9, 10, 12, 13, 14, 15, 16, 17, 18, 20, 21, 24, 25, 26, 27, 29, 30, 31, 32, 34, 35, 36, 37, 38, 39];
  it.each(seedsBruteForceFinishes(0, 40, tooBig))('program %i', (seed) => check(seed, false));
  it.each(seedsBruteForceFinishes(100, 10, [100, 102, 104, 105, 107, 109]))('program %i, with yields', (seed) => check(seed, true));
});
