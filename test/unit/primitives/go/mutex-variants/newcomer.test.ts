/**
 * Stage 2, "newcomer": Unlock wakes a waiter but does not hand it the lock; a goroutine arriving
 * now (already on a CPU) may take the lock first, and the woken waiter queues again at the tail.
 */
import { describe, expect, it } from 'vitest';
import { go, Mutex, WaitGroup, sleep, assert } from '../../../../../src/index.js';
import { run, kinds } from '../../../../helpers.js';
import { reachedEnd, traced, who } from './traced.js';

/** main holds the lock, a waiter queues, main unlocks and at once locks again: who gets it first? */
async function unlockAndRelock(seed: number): Promise<{ order: string[]; newcomerWins: number }> {
  const order: string[] = [];
  const r = await run(
    async () => {
      const mu = new Mutex({ name: 'mu', variant: 'newcomer' });
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
      await mu.unlock(); // wakes it...
      await mu.lock(); // ...but this goroutine is running and may win
      order.push('main');
      await mu.unlock();
      await wg.wait();
    },
    { runs: 1, firstSeed: seed, timeMode: 'synctest' },
  );
  expect(kinds(r)).toEqual([]);
  return { order, newcomerWins: r.mutexMetrics!.newcomerWins };
}

describe('the newcomer Mutex', () => {
  it('lets a newcomer beat the woken waiter on some schedule (and the waiter win on others)', async () => {
    const seen = new Map<string, number>();
    for (let seed = 1; seed <= 60; seed++) {
      const { order, newcomerWins } = await unlockAndRelock(seed);
      seen.set(order.join(','), seed);
      // The metric counts exactly the schedules where the unlocker re-took the lock first.
      expect(newcomerWins).toBe(order[0] === 'main' ? 1 : 0);
    }
    expect([...seen.keys()].sort()).toEqual(['main,waiter', 'waiter,main']);
  });

  it('shows the overtaking in the timeline: woken, beaten, queued again at the tail', async () => {
    let shown = false;
    for (let seed = 1; seed <= 60 && !shown; seed++) {
      const { report, trace } = await traced(async () => {
        const mu = new Mutex({ name: 'mu', variant: 'newcomer' });
        const wg = new WaitGroup();
        await wg.add(1);
        await mu.lock();
        go(async () => {
          await mu.lock();
          await mu.unlock();
          await wg.done();
        }, 'waiter');
        await sleep(1);
        await mu.unlock();
        await mu.lock();
        await sleep(1); // holds it: the beaten waiter runs, finds it locked
        await mu.unlock();
        await wg.wait();
      }, seed, { timeMode: 'synctest' });
      expect(reachedEnd(report)).toBe(true);
      const lines = trace.map((e) => `${e.threadName}: ${e.what}`);
      const beat = lines.findIndex((l) => /^main: lock .* owns the lock, overtaking woken waiter 'waiter'/.test(l));
      if (beat < 0) continue;
      expect(lines.slice(0, beat).some((l) => /^main: unlock .*semrelease: wakes 'waiter'/.test(l))).toBe(true);
      expect(who(trace, /wakes up: competes for the lock again/)).toContain('waiter');
      // On some of these schedules the beaten waiter finds the lock held and sleeps again, at the tail.
      shown = lines.slice(beat).some((l) => /^waiter: lock .*semacquire: sleeps at the tail of the queue \(FIFO\), position 1 of 1/.test(l));
    }
    expect(shown).toBe(true);
  });

  it('starves a waiter on some schedule: a goroutine re-locking across a sleep wins round after round', async () => {
    const r = await run(
      async () => {
        const mu = new Mutex({ name: 'mu', variant: 'newcomer' });
        let taken = 0;
        const wg = new WaitGroup();
        await wg.add(2);
        go(async () => {
          for (let i = 0; i < 10; i++) {
            await mu.lock();
            taken++;
            await sleep(2);
            await mu.unlock();
          }
          await wg.done();
        }, 'greedy');
        go(async () => {
          await sleep(1);
          const before = taken;
          await mu.lock();
          assert(taken - before <= 5, 'starved');
          await mu.unlock();
          await wg.done();
        }, 'waiter');
        await wg.wait();
      },
      { runs: 1000, timeMode: 'synctest' },
    );
    expect(kinds(r)).toEqual(['assertion']);
    expect(r.mutexMetrics!.newcomerWins).toBeGreaterThan(0);
    expect(r.mutexMetrics!.handoffs).toBe(0);
  });
});
