/**
 * Stage 1, "initial": Lock adds 1 to key (a load and a CAS, retried), Unlock subtracts 1 and wakes
 * one waiter, which owns the lock: a strict FIFO hand-off that a newcomer can never overtake.
 */
import { describe, expect, it } from 'vitest';
import { go, Mutex, WaitGroup, sleep } from '../../../../../src/index.js';
import { run, kinds } from '../../../../helpers.js';
import { reachedEnd, traced, who } from './traced.js';

describe('the initial Mutex', () => {
  it('serves sleeping waiters in the order they queued, through the semaphore (100 seeds)', async () => {
    for (let seed = 1; seed <= 100; seed++) {
      let acquired: string[] = [];
      const { report, trace } = await traced(async () => {
        acquired = []; // the traced execution runs twice (found, then replayed for its timeline)
        const mu = new Mutex({ name: 'mu', variant: 'initial' });
        const wg = new WaitGroup();
        await wg.add(3);
        await mu.lock();
        for (const name of ['a', 'b', 'c']) {
          go(async () => {
            await mu.lock();
            acquired.push(name);
            await mu.unlock();
            await wg.done();
          }, name);
        }
        await sleep(1);
        await mu.unlock();
        await wg.wait();
      }, seed);
      expect(reachedEnd(report)).toBe(true);
      const slept = who(trace, /semacquire: sleeps at the tail/);
      const woke = who(trace, /wakes up with the token/);
      expect(woke).toEqual(slept);
      // Whoever slept got the lock in queue order, and before anyone who did not have to sleep after them.
      expect(acquired.filter((n) => slept.includes(n))).toEqual(slept);
      expect(trace.some((e) => /sleeps at the head/.test(e.what))).toBe(false);
    }
  });

  it('hands the lock to the woken waiter: the unlocker re-locking always comes after it', async () => {
    for (let seed = 1; seed <= 200; seed++) {
      const order: string[] = [];
      const r = await run(
        async () => {
          const mu = new Mutex({ name: 'mu', variant: 'initial' });
          const wg = new WaitGroup();
          await wg.add(1);
          await mu.lock();
          go(async () => {
            await mu.lock();
            order.push('waiter');
            await mu.unlock();
            await wg.done();
          }, 'waiter');
          await sleep(1); // synctest: the waiter is asleep on the semaphore by now
          await mu.unlock();
          await mu.lock(); // a newcomer, already running
          order.push('main');
          await mu.unlock();
          await wg.wait();
        },
        { runs: 1, firstSeed: seed, timeMode: 'synctest' },
      );
      expect(kinds(r)).toEqual([]);
      expect(order).toEqual(['waiter', 'main']);
      expect(r.mutexMetrics!.newcomerWins).toBe(0);
      expect(r.mutexMetrics!.handoffs).toBeGreaterThanOrEqual(1); // at least the waiter's
    }
  });

  it('retries its xadd CAS when another goroutine changed key in between', async () => {
    let retried = false;
    for (let seed = 1; seed <= 200 && !retried; seed++) {
      const { trace } = await traced(async () => {
        const mu = new Mutex({ name: 'mu', variant: 'initial' });
        const wg = new WaitGroup();
        await wg.add(2);
        for (const n of ['x', 'y']) {
          go(async () => {
            await mu.lock();
            await mu.unlock();
            await wg.done();
          }, n);
        }
        await wg.wait();
      }, seed);
      retried = trace.some((e) => /CAS key \d+ → key \d+ fails/.test(e.what) || /CAS \d+ → \d+ fails: the state is key/.test(e.what));
    }
    expect(retried).toBe(true);
  });

  it('lets any goroutine unlock it (it has no owner)', async () => {
    const r = await run(async () => {
      const mu = new Mutex({ name: 'mu', variant: 'initial' });
      await mu.lock();
      const wg = new WaitGroup();
      await wg.add(1);
      go(async () => {
        await mu.unlock();
        await wg.done();
      });
      await wg.wait();
      await mu.lock();
      await mu.unlock();
    });
    expect(kinds(r)).toEqual([]);
  });
});
