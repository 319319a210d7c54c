/**
 * The incremental runnable set (runtime/runnable.ts): at every step the goroutines a strategy is
 * offered are exactly those a full scan finds able to run, in id order, across every primitive that
 * can block; and the fair-yield rule (yield.ts) holds.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import {
  AtomicInt,
  Channel,
  Cond,
  CyclicBarrier,
  ErrGroup,
  Mutex,
  Once,
  RWMutex,
  Semaphore,
  WaitGroup,
  context,
  go,
  select,
  sleep,
  spawn,
  yieldNow,
} from '../../../src/index.js';
import { Execution } from '../../../src/runtime/execution.js';
import type { Thread } from '../../../src/runtime/thread.js';
import type { Strategy } from '../../../src/runtime/strategy.js';

/** A random strategy that compares what it is offered with a full scan at every pick. */
class ScanningStrategy implements Strategy {
  readonly name = 'scanning';
  exec: Execution | null = null;
  picks = 0;
  mismatches: string[] = [];
  maxOffered = 0;
  private readonly rng: () => number;
  constructor(seed: number) {
    this.rng = seedrandom.alea(String(seed));
  }
  beginExecution(index: number): { seed?: number } | null {
    return index === 0 ? {} : null;
  }
  pickThread(enabled: readonly Thread[], step: number, timerReady: boolean): number {
    const exec = this.exec!;
    const scan = exec.threads.filter((t) => !t.finished && t.pending !== null && t.pending.parked && t.pending.enabled()).map((t) => t.id);
    const got = enabled.map((t) => t.id);
    if (got.join() !== scan.join()) this.mismatches.push(`step ${step}: offered [${got}], scan [${scan}]`);
    for (let i = 1; i < got.length; i++) if (got[i - 1]! >= got[i]!) this.mismatches.push(`step ${step}: not in id order [${got}]`);
    this.picks++;
    this.maxOffered = Math.max(this.maxOffered, got.length);
    return Math.floor(this.rng() * (enabled.length + (timerReady ? 1 : 0)));
  }
  pickChoice(_kind: string, n: number): number {
    return Math.floor(this.rng() * n);
  }
}

async function execute(body: () => Promise<void>, seed: number): Promise<{ s: ScanningStrategy; findings: string[]; error?: string }> {
  const s = new ScanningStrategy(seed);
  const exec = new Execution({ strategy: s, stepLimit: 20_000, leakStepBound: 1_000, captureLocations: false, recordTrace: false });
  s.exec = exec;
  const r = await exec.run(body);
  return { s, findings: r.findings.map((f) => `${f.kind}: ${f.message}`), ...(r.error && { error: r.error.message }) };
}

/** Every blocking primitive, woken by steps, closes, cancels, timers and goroutine ends. */
async function everything(): Promise<void> {
  const mu = new Mutex();
  const rw = new RWMutex();
  const wg = new WaitGroup();
  const cond = new Cond(mu);
  const once = new Once();
  const sem = new Semaphore(2);
  const bar = new CyclicBarrier(3);
  const ch = new Channel<number>(0);
  const buf = new Channel<number>(1);
  const quit = new Channel<void>(0);
  const [ctx, cancel] = context.withCancel(context.background());
  const n = new AtomicInt(0);
  let ready = false;
  await wg.add(6);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      await mu.lock();
      while (!ready) await cond.wait();
      await mu.unlock();
      await rw.rLock();
      await n.add(1);
      await rw.rUnlock();
      await once.do(async () => {
        await n.add(10);
      });
      await sem.acquire(1, ctx);
      await buf.send(i);
      await sem.release(1);
      await bar.await();
      await wg.done();
    });
  }
  go(async () => {
    const r = await select([ch.recvCase(), quit.recvCase()]);
    if (r.index === 0) await quit.recv();
    await wg.done();
  });
  go(async () => {
    await sleep(5);
    await ch.send(1);
    await wg.done();
  });
  go(async () => {
    await ctx.done().recv();
    await wg.done();
  });
  const h = spawn(async () => {
    await rw.lock();
    await yieldNow();
    await rw.unlock();
    return 7;
  });
  const g = new ErrGroup();
  g.setLimit(1);
  for (let i = 0; i < 3; i++) await g.go(async () => n.add(1));
  await g.wait();
  await mu.lock();
  ready = true;
  await cond.broadcast();
  await mu.unlock();
  for (let i = 0; i < 3; i++) await buf.recv();
  await quit.close();
  await cancel();
  await h.join();
  await wg.wait();
}

describe('the incremental runnable set', () => {
  it('offers exactly what a full scan finds, in id order, with every blocking primitive', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = await execute(everything, seed);
      expect(r.error).toBeUndefined();
      expect(r.findings).toEqual([]);
      expect(r.s.mismatches).toEqual([]);
      expect(r.s.picks).toBeGreaterThan(50);
    }
  });

  it('2,000 live goroutines: offered sets as large as the goroutines, still equal to a scan', async () => {
    const r = await execute(async () => {
      const wg = new WaitGroup();
      await wg.add(2_000);
      for (let i = 0; i < 2_000; i++) {
        go(async () => {
          const x = new AtomicInt(0);
          await x.add(1);
          await wg.done();
        });
      }
      await wg.wait();
    }, 1);
    expect(r.error).toBeUndefined();
    expect(r.findings).toEqual([]);
    expect(r.s.mismatches).toEqual([]);
    expect(r.s.maxOffered).toBeGreaterThan(1_000);
  });
});

describe('fair yields', () => {
  it('a yield runs as soon as every goroutine enabled at it has taken one step, not when they are done', async () => {
    // G1 takes 50 steps; G2 yields, then records how many G1 had taken when it went on.
    const seen = new Set<number>();
    for (let seed = 1; seed <= 30; seed++) {
      await execute(async () => {
        const c = new AtomicInt(0);
        const wg = new WaitGroup();
        await wg.add(2);
        go(async () => {
          for (let i = 0; i < 50; i++) await c.add(1);
          await wg.done();
        });
        go(async () => {
          await yieldNow();
          seen.add(await c.load());
          await wg.done();
        });
        await wg.wait();
      }, seed);
    }
    expect([...seen].some((v) => v > 0 && v < 50)).toBe(true);
  });

  it('spinners that only yield never starve the goroutine that ends their loop', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const r = await execute(async () => {
        const flag = new AtomicInt(0);
        const wg = new WaitGroup();
        await wg.add(4);
        for (let i = 0; i < 3; i++) {
          go(async () => {
            while ((await flag.load()) === 0) await yieldNow();
            await wg.done();
          });
        }
        go(async () => {
          for (let i = 0; i < 20; i++) await yieldNow();
          await flag.store(1);
          await wg.done();
        });
        await wg.wait();
      }, seed);
      expect(r.error).toBeUndefined();
      expect(r.findings).toEqual([]);
      expect(r.s.mismatches).toEqual([]);
    }
  });
});
