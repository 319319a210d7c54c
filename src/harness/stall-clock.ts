/**
 * How long a worker has gone without a step, as the watchdogs count it (supervisor.ts,
 * explore-supervisor.ts): wall time, except while the worker's thread is busy (its heartbeat is late),
 * when it is the process's CPU time since the last step if that is less.
 *
 * Why: a loaded machine (other processes, a parallel test run) stretches the wall time of simcc's own
 * work — a large scenario's set-up, a garbage collection — without the scenario spinning, and that was
 * reported as "a synchronous loop". A scenario that really spins burns CPU at wall speed, so it is still
 * stopped within the limit on an idle machine, and within limit ÷ (its share of a core) on a busy one.
 * An await of something simcc does not control burns no CPU: it is timed by the wall clock, as before.
 * Taking the smaller of the two never stops a worker sooner than the wall clock alone would, even when
 * several workers of one process add up their CPU time.
 */
export class StallClock {
  private wallAt: number;
  private cpuAt: number;

  constructor(now: number) {
    this.wallAt = now;
    this.cpuAt = cpuMs();
  }

  /** The worker made progress (or simcc's own work, which never counts, is running): count afresh. */
  reset(now: number): void {
    this.wallAt = now;
    this.cpuAt = cpuMs();
  }

  /** Milliseconds without progress, given whether the worker's thread is busy. */
  elapsed(now: number, busy: boolean): number {
    const wall = now - this.wallAt;
    return busy ? Math.min(wall, cpuMs() - this.cpuAt) : wall;
  }
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
