/**
 * Random small Go programs with the sync library against brute force: RWMutex, Cond (signal and
 * broadcast under its Mutex), Once, a weighted Semaphore and its tryAcquire, Mutex.tryLock, a context
 * cancelled while others poll its Done channel, SyncMap and SingleFlight. DPOR sees exactly brute force's
 * outcomes, and only traces brute force has. (A select that takes its default then yields, for fair
 * polling loops, runtime/yield.ts: as in dpor.test.ts, DPOR may explore one trace of a pair that differ
 * only in which step let it run.)
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { scenario } from '../../../src/api/scenario.js';
import { spawn } from '../../../src/api/goroutines.js';
import { AtomicInt, RWMutex, Mutex, Cond, Once, Semaphore, Channel, select, context, SyncMap, SingleFlight } from '../../../src/index.js';
import { covers, dporSplit, finishedBruteForce, seedsBruteForceFinishes } from './explore-helpers.js';

const KINDS = ['rl', 'wl', 'sig', 'bc', 'cw', 'once', 'sem', 'trysem', 'trylock', 'cancel', 'ctxsel', 'mapls', 'mapload', 'sf', 'add'] as const;
type K = (typeof KINDS)[number];
function prog(seed: number): K[][] {
  const rng = seedrandom.alea(`go-hunt-${seed}`);
  const int = (n: number) => Math.floor(rng() * n);
  return Array.from({ length: 2 + (seed % 2) }, () => Array.from({ length: 1 + int(3) }, () => KINDS[int(KINDS.length)]!));
}
describe('DPOR against brute force on random programs using the sync library', { timeout: 1200_000 }, () => {
  // The programs whose brute force needs more than 4,000 executions are left out: they checked nothing (17 of
  // the 21 s of CPU this test took). The cap of 8,000 leaves room for the kept ones (at most 3,422).
  it.each(seedsBruteForceFinishes(0, 24, [3, 5, 6, 9, 10, 11, 12, 13, 15, 17, 19, 20, 21, 23]))('program %i', async (seed) => {
    const p = prog(seed);
    const log = { obs: {} as Record<string, unknown[]> };
    const s = scenario(`sync library random ${seed}`, async () => {
      log.obs = {};
      const see = (who: string, v: unknown) => (log.obs[who] ??= []).push(v);
      const A = new AtomicInt(0);
      const RW = new RWMutex();
      const M = new Mutex();
      const C = new Cond(M);
      const O = new Once();
      const S = new Semaphore(1);
      const [ctx, cancel] = context.withCancel(context.background());
      const ch = new Channel<number>(0);
      const SM = new SyncMap<string, number>();
      const SF = new SingleFlight();
      const hs = p.map((ops, n) => spawn(async () => {
        const who = `t${n}`;
        for (const k of ops) {
          switch (k) {
            case 'rl': await RW.rLock(); see(who, await A.load()); await RW.rUnlock(); break;
            case 'wl': await RW.lock(); see(who, await A.add(1)); await RW.unlock(); break;
            case 'sig': await M.lock(); await A.add(10); await C.signal(); await M.unlock(); break;
            case 'bc': await C.broadcast(); break;
            case 'cw': { await M.lock(); const v = await A.load(); if (v < 10) { const r = await select([ctx.done().recvCase(), ch.recvCase()], { default: true }); see(who, r.index); } await M.unlock(); break; }
            case 'once': await O.do(async () => { see(who, 'once'); }); break;
            case 'sem': await S.acquire(1); see(who, await A.add(100)); await S.release(1); break;
            case 'trysem': { const ok = await S.tryAcquire(1); see(who, ok); if (ok) await S.release(1); break; }
            case 'trylock': { const ok = await M.tryLock(); see(who, ok); if (ok) await M.unlock(); break; }
            case 'cancel': await cancel(); break;
            case 'ctxsel': see(who, (await select([ctx.done().recvCase()], { default: true })).index); break;
            case 'mapls': see(who, (await SM.loadOrStore('k', n)).value); break;
            case 'mapload': see(who, (await SM.load('k')).ok); break;
            case 'sf': see(who, (await SF.do('k', async () => { await A.add(1000); return n; })).value); break;
            case 'add': see(who, await A.add(1)); break;
          }
        }
      }, `t${n}`));
      for (const h of hs) await h.join();
      see('main', await A.load());
    });
    const brute = await finishedBruteForce(s, () => log.obs, 8000);
    for (const target of [1, 8]) {
      const d = await dporSplit(s, target, () => log.obs);
      expect(new Set(d.forms).size).toBe(d.forms.length);
      for (const f of d.forms) expect(brute.forms).toContain(f);
      for (const b of brute.outcomes) expect(d.outcomes.some((o) => covers(o, b)), JSON.stringify(b)).toBe(true);
      for (const o of d.outcomes) expect(brute.outcomes.some((b) => covers(b, o))).toBe(true);
    }
  });
});
