/**
 * The watchdogs' clock (src/harness/stall-clock.ts): wall time while the worker is idle (an await of
 * real I/O), at most the process's CPU time while it is busy (so a loaded machine is not taken for a
 * synchronous loop, while a real spin, which burns CPU, still is).
 */
import { describe, expect, it } from 'vitest';
import { StallClock } from '../../../src/harness/stall-clock.js';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

describe('StallClock', () => {
  it('an idle worker is timed by the wall clock', () => {
    const c = new StallClock(1000);
    expect(c.elapsed(4000, false)).toBe(3000);
  });

  it('a busy worker on a machine that gave this process little CPU: the CPU time, not the wall time', () => {
    // Ten seconds of wall time pass (as `now` says) while this process uses far less CPU than that.
    const c = new StallClock(0);
    expect(c.elapsed(10_000, true)).toBeLessThan(10_000);
  });

  it('a busy worker that burns CPU: counted as it burns, never more than the wall time', () => {
    const c = new StallClock(0);
    const start = cpuMs();
    let x = 0;
    while (cpuMs() - start < 60) x++; // a spin of 60 ms of CPU
    expect(x).toBeGreaterThan(0);
    expect(c.elapsed(1e9, true)).toBeGreaterThanOrEqual(60);
    expect(c.elapsed(30, true)).toBe(30);
  });

  it('reset starts both clocks afresh', () => {
    const c = new StallClock(0);
    c.reset(500);
    expect(c.elapsed(800, false)).toBe(300);
  });
});
