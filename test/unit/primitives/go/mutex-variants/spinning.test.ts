/**
 * Stage 3, "spinning": while the lock is held and canSpin holds (fewer than 4 iterations, another
 * goroutine runnable; then a recorded 'spin' choice), a goroutine re-reads the state instead of
 * sleeping, and may set mutexWoken so that Unlock wakes nobody.
 */
import { describe, expect, it } from 'vitest';
import { go, Mutex, WaitGroup, sleep, shared, assert } from '../../../../../src/index.js';
import { run, kinds } from '../../../../helpers.js';
import { reachedEnd, traced } from './traced.js';

async function contended(): Promise<void> {
  const mu = new Mutex({ name: 'mu', variant: 'spinning' });
  const count = shared('count', 0);
  const wg = new WaitGroup();
  await wg.add(3);
  for (const n of ['a', 'b', 'c']) {
    go(async () => {
      for (let i = 0; i < 2; i++) {
        await mu.lock();
        await count.update((v) => v + 1);
        await mu.unlock();
      }
      await wg.done();
    }, n);
  }
  await wg.wait();
  assert((await count.read()) === 6, 'lost update');
}

describe('the spinning Mutex', () => {
  it('spins at most 4 times in a row, only while another goroutine can run', async () => {
    let spun = 0;
    for (let seed = 1; seed <= 80; seed++) {
      const { report, trace } = await traced(contended, seed);
      expect(reachedEnd(report)).toBe(true);
      for (const e of trace) {
        const m = /spins \((\d) of 4\)/.exec(e.what);
        if (m) {
          spun++;
          expect(Number(m[1])).toBeLessThanOrEqual(4);
        }
      }
    }
    expect(spun).toBeGreaterThan(0);
  });

  it('records each spin decision in the schedule: a seed replays the same spins', async () => {
    const a = await traced(contended, 7);
    const b = await traced(contended, 7);
    expect(b.trace.map((e) => e.what)).toEqual(a.trace.map((e) => e.what));
    expect(b.report.findings[0]!.schedule).toBe(a.report.findings[0]!.schedule);
  });

  it('never spins when the holder is asleep and nobody else can run', async () => {
    const r = await run(
      async () => {
        const mu = new Mutex({ name: 'mu', variant: 'spinning' });
        const wg = new WaitGroup();
        await wg.add(1);
        go(async () => {
          await mu.lock();
          await sleep(5);
          await mu.unlock();
          await wg.done();
        }, 'holder');
        await sleep(1);
        await mu.lock(); // the holder sleeps: no other P runs, canSpin is false
        await mu.unlock();
        await wg.wait();
      },
      { runs: 200, timeMode: 'synctest' },
    );
    expect(kinds(r)).toEqual([]);
    expect(r.mutexMetrics!.spins).toBe(0);
  });

  it('lets a spinner set mutexWoken, so that Unlock wakes nobody and the spinner takes the lock', async () => {
    let shown = false;
    for (let seed = 1; seed <= 400 && !shown; seed++) {
      const { report, trace } = await traced(contended, seed);
      expect(reachedEnd(report)).toBe(true);
      const i = trace.findIndex((e) => /set mutexWoken while spinning/.test(e.what));
      if (i < 0) continue;
      shown = true;
      expect(trace[i]!.what).toMatch(/CAS \d+ \[locked, \d waiters?\] → \d+ \[locked, woken, \d waiters?\]/);
    }
    expect(shown).toBe(true);
  });

  it('is a newcomer-style Mutex: a woken waiter can be overtaken', async () => {
    const r = await run(contended, { runs: 1000 });
    expect(kinds(r)).toEqual([]);
    expect(r.mutexMetrics!.newcomerWins).toBeGreaterThan(0);
    expect(r.mutexMetrics!.spins).toBeGreaterThan(0);
  });
});
