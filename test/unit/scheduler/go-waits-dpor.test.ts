/**
 * DPOR against brute force on the Go library waits that are drivers over Selectables (go/wait-op.ts):
 * Weighted.Acquire over its FIFO grant and its context's close, CyclicBarrier.Await over its round's
 * trip and break and its context's close. Cancelling a wait (leaving the queue, giving a grant back, no
 * longer watching the close) happens in the driver's step with the footprint its waits declare: DPOR
 * explores exactly brute force's outcomes, and only its traces (each once, where noted).
 */
import { describe, expect, it } from 'vitest';
import { scenario, type Scenario } from '../../../src/api/scenario.js';
import { spawn } from '../../../src/api/goroutines.js';
import { AtomicInt, CyclicBarrier, Semaphore, context } from '../../../src/index.js';
import { covers, dporSplit, expectExactlyBruteForce, finishedBruteForce, loggedProgram, type Log } from './explore-helpers.js';

/** DPOR (1 and 8 tasks) explores only brute force's traces and shows exactly its outcomes. */
async function expectSound(s: Scenario, log: () => Log, cap: number): Promise<void> {
  const brute = await finishedBruteForce(s, log, cap);
  for (const target of [1, 8]) {
    const d = await dporSplit(s, target, log);
    for (const f of d.forms) expect(brute.forms).toContain(f);
    for (const b of brute.outcomes) expect(d.outcomes.some((o) => covers(o, b)), JSON.stringify(b)).toBe(true);
    for (const o of d.outcomes) expect(brute.outcomes.some((b) => covers(b, o))).toBe(true);
  }
}

describe('DPOR against brute force on Go waits driven as Selectables', { timeout: 600_000 }, () => {
  it('Semaphore: a queued head with a context, a waiter behind it, a release and a cancel', async () => {
    const { s, log } = loggedProgram(scenario, 'semaphore ctx', async (see) => {
      const sem = new Semaphore(1, { name: 'sem' });
      const order = new AtomicInt(0);
      await sem.acquire(1);
      const [ctx, cancel] = context.withCancel(context.background());
      const a = spawn(async () => {
        const err = await sem.acquire(1, ctx);
        see('a', err === null ? await order.add(1) : err.message);
        if (err === null) await sem.release(1);
      }, 'a');
      const b = spawn(async () => {
        await sem.acquire(1);
        see('b', await order.add(1));
        await sem.release(1);
      }, 'b');
      await sem.release(1);
      await cancel();
      await a.join();
      await b.join();
      see('main', await sem.tryAcquire(1));
    });
    // Not each trace once: DPOR runs 4 of its 35 traces twice, as it did before these waits were
    // Selectables (the explorer's redundancy, not the primitive's).
    await expectSound(s, log, 20_000);
  });

  it('Semaphore: two waiters with one context, one asking for more than the size', async () => {
    const { s, log } = loggedProgram(scenario, 'semaphore ctx two', async (see) => {
      const sem = new Semaphore(2, { name: 'sem' });
      await sem.acquire(2);
      const [ctx, cancel] = context.withCancel(context.background());
      const a = spawn(async () => see('a', (await sem.acquire(2, ctx))?.message ?? 'ok'), 'a');
      const b = spawn(async () => see('b', (await sem.acquire(3, ctx))?.message ?? 'ok'), 'b');
      const c = spawn(async () => see('c', await sem.tryAcquire(1)), 'c');
      await cancel();
      await sem.release(2);
      await a.join();
      await b.join();
      await c.join();
    });
    await expectExactlyBruteForce(s, log, 20_000);
  });

  it('CyclicBarrier: a waiter with a context, cancelled while the last party arrives', async () => {
    const { s, log } = loggedProgram(scenario, 'barrier ctx', async (see) => {
      const br = new CyclicBarrier(2, { name: 'b' });
      const [ctx, cancel] = context.withCancel(context.background());
      const w = spawn(async () => {
        try {
          see('w', (await br.await(ctx))?.message ?? 'passed');
        } catch (e) {
          see('w', (e as Error).message);
        }
      }, 'w');
      await cancel();
      try {
        see('main', (await br.await())?.message ?? 'passed');
      } catch (e) {
        see('main', (e as Error).message);
      }
      await w.join();
      see('main', await br.isBroken());
    });
    await expectExactlyBruteForce(s, log, 20_000);
  });

  it('CyclicBarrier: two waiters with one context and a reset', async () => {
    const { s, log } = loggedProgram(scenario, 'barrier ctx reset', async (see) => {
      const br = new CyclicBarrier(3, { name: 'b' });
      const [ctx, cancel] = context.withCancel(context.background());
      const party = (who: string) =>
        spawn(async () => {
          try {
            see(who, (await br.await(ctx))?.message ?? 'passed');
          } catch (e) {
            see(who, (e as Error).message);
          }
        }, who);
      const a = party('a');
      const b = party('b');
      await br.reset();
      await cancel();
      await a.join();
      await b.join();
    });
    await expectExactlyBruteForce(s, log, 20_000);
  });
});
