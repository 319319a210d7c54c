/**
 * Stage 4, "starvation" (today's Mutex): a waiter that has waited more than 1 ms (virtual time)
 * puts the mutex in starvation mode; Unlock then hands the lock to the head of the queue, and
 * newcomers queue at the tail instead of grabbing it. A waiter that lost re-queues at the head.
 */
import { describe, expect, it } from 'vitest';
import { AtomicInt, go, Mutex, WaitGroup, sleep, yieldNow, assert } from '../../../../../src/index.js';
import { run, kinds } from '../../../../helpers.js';
import { reachedEnd, traced } from './traced.js';

/** 'greedy' locks, holds across sleep(hold), unlocks and re-locks, `rounds` times; 'waiter' arrives and locks once. */
function greedyAndWaiter(hold: number, rounds: number, overtaken: (n: number) => void) {
  return async () => {
    const mu = new Mutex({ name: 'mu', variant: 'starvation' });
    let taken = 0;
    const wg = new WaitGroup();
    await wg.add(2);
    go(async () => {
      for (let i = 0; i < rounds; i++) {
        await mu.lock();
        taken++;
        if (hold > 0) await sleep(hold);
        else await yieldNow();
        await mu.unlock();
      }
      await wg.done();
    }, 'greedy');
    go(async () => {
      if (hold > 0) await sleep(1);
      const before = taken;
      await mu.lock();
      overtaken(taken - before);
      await mu.unlock();
      await wg.done();
    }, 'waiter');
    await wg.wait();
  };
}

describe('the starvation Mutex', () => {
  it('enters starvation mode once a waiter has waited more than 1 ms, and hands it the lock', async () => {
    let shown = false;
    for (let seed = 1; seed <= 200 && !shown; seed++) {
      const { report, trace } = await traced(greedyAndWaiter(2, 6, () => {}), seed, { timeMode: 'synctest' });
      expect(reachedEnd(report)).toBe(true);
      const lines = trace.map((e) => `${e.time}ms ${e.threadName}: ${e.what}`);
      const enter = lines.findIndex((l) => /the mutex enters starvation mode/.test(l));
      if (enter < 0) continue;
      shown = true;
      // It was the waiter, starving after waiting more than 1 ms, that set mutexStarving...
      expect(lines[enter]).toMatch(/waiter: lock .*CAS .*\[locked, starving, 1 waiter\]/);
      expect(lines.slice(0, enter).some((l) => /waiter: lock .*waited ([2-9]|\d\d+) ms: starving/.test(l))).toBe(true);
      // ...after losing a round it was re-queued at the head (LIFO)...
      expect(lines[enter + 1]).toMatch(/waiter: lock .*sleeps at the head of the queue \(LIFO, it waited before\)/);
      // ...the next Unlock handed the lock over, and greedy, arriving, queued at the tail.
      const rest = lines.slice(enter);
      const handoff = rest.findIndex((l) => /greedy: unlock .*semrelease \(hand-off\): wakes 'waiter'/.test(l));
      expect(handoff).toBeGreaterThan(0);
      expect(rest.slice(handoff).some((l) => /greedy: lock .*sleeps at the tail of the queue/.test(l))).toBe(true);
      expect(rest.slice(handoff).some((l) => /waiter: lock .*owns the lock \(handed off\)/.test(l))).toBe(true);
    }
    expect(shown).toBe(true);
  });

  it('never lets the waiter be overtaken more than twice once it waits (synctest, 2000 seeds)', async () => {
    let worst = 0;
    const r = await run(greedyAndWaiter(2, 8, (n) => (worst = Math.max(worst, n))), { runs: 2000, timeMode: 'synctest' });
    expect(kinds(r)).toEqual([]);
    expect(worst).toBeLessThanOrEqual(2);
    expect(r.mutexMetrics!.starvationModeEntries).toBeGreaterThan(0);
    expect(r.mutexMetrics!.handoffs).toBeGreaterThan(0);
  });

  it('stays in normal mode while no waiter waits 1 ms (no virtual time passes)', async () => {
    const r = await run(greedyAndWaiter(0, 6, () => {}), { runs: 500 });
    expect(kinds(r)).toEqual([]);
    expect(r.mutexMetrics!.starvationModeEntries).toBe(0);
    expect(r.mutexMetrics!.handoffs).toBe(0);
  });

  it('takes the waiter out of starvation mode when it is the last one', async () => {
    let back = false;
    for (let seed = 1; seed <= 200 && !back; seed++) {
      const { trace } = await traced(greedyAndWaiter(2, 6, () => {}), seed, { timeMode: 'synctest' });
      // The last waiter (delta = locked − one waiter − starving): 12 [starving, 1 waiter] → 1 [locked].
      back = trace.some(
        (e) =>
          e.threadName === 'waiter' &&
          /add -11: 12 \[starving, 1 waiter\] → 1 \[locked\] — the mutex is back in normal mode; owns the lock \(handed off\)/.test(e.what),
      );
    }
    expect(back).toBe(true);
  });

  it('makes tryLock fail in starvation mode even when the lock bit is clear', async () => {
    let failedWhileFree = false;
    for (let seed = 1; seed <= 300 && !failedWhileFree; seed++) {
      const { trace } = await traced(async () => {
        const mu = new Mutex({ name: 'mu', variant: 'starvation' });
        const wg = new WaitGroup();
        await wg.add(2);
        await mu.lock();
        for (const n of ['w1', 'w2']) {
          go(async () => {
            await mu.lock();
            await mu.unlock();
            await wg.done();
          }, n);
        }
        await sleep(3); // the waiters start starving
        const tick = new AtomicInt(0);
        await mu.unlock();
        for (let i = 0; i < 6; i++) {
          if (await mu.tryLock()) await mu.unlock();
          await tick.add(1); // a step of its own (a yield would let the waiters go first)
        }
        await wg.wait();
      }, seed, { timeMode: 'synctest' });
      failedWhileFree = trace.some((e) => e.threadName === 'main' && /tryLock .*load \d+ \[starving/.test(e.what) && !/locked/.test(e.what));
    }
    expect(failedWhileFree).toBe(true);
  });

  it('throws, fatally, for an unlock of an unlocked mutex, with the state in the details', async () => {
    const r = await run(async () => {
      const mu = new Mutex({ name: 'mu', variant: 'starvation' });
      await mu.lock();
      await mu.unlock();
      try {
        await mu.unlock();
      } catch {
        assert(false, 'a throw is not a panic: nothing to catch');
      }
    });
    expect(kinds(r)).toEqual(['unlock-of-unlocked']);
    expect(r.findings[0]!.details).toEqual(["Mutex 'mu' (starvation stage): state -1 [locked, woken, starving, -1 waiters]"]);
  });
});
