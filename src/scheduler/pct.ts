/**
 * PCT, probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS 2010), as
 * Coyote and shuttle run it: every goroutine has a distinct priority and the highest-priority enabled one
 * always runs; at d−1 change points, chosen uniformly among the first k steps, the goroutine about to run
 * is lowered below every initial priority (to priority i at change point i). A bug of depth d is found
 * with probability ≥ 1/(n·k^(d−1)) per execution.
 *
 * Invariants:
 * - Only steps with two or more options count (the strategy is asked only then): k is the number of such
 *   steps, learned across executions — the first execution (bound 0: no change points) measures, later
 *   ones use the most seen so far in an execution that stayed in PCT mode (see FAIR below).
 * - Execution i uses seed firstSeed+i and the bound it starts with (`bound`); given the two (and the
 *   depth), every answer is fixed: change points are drawn when it begins, then every draw happens in
 *   execution order. `--seed N --depth d --pct-steps k` therefore reruns one execution exactly.
 * - New goroutines get a random slot among the goroutines not yet lowered, when first seen.
 * - A goroutine about to `yieldNow()` is lowered below everyone (shuttle: a yield is a hint to let others
 *   run), so spin loops that yield terminate. A spin loop that does not yield would starve the others
 *   forever under strict priorities: after FAIR_FACTOR·k (at least FAIR_MIN) counted steps an execution
 *   switches to uniform random choices, like Coyote's fair PCT, and is then left out of the learning.
 * - Firing a pending timer, and every other choice (select case, spurious wake-up, ...), is a uniform draw.
 */
import type { ReadyThreads } from '../runtime/ready-list.js';
import seedrandom from 'seedrandom';
import { isYieldOp } from '../runtime/op.js';
import type { Strategy } from '../runtime/strategy.js';

export const DEFAULT_PCT_DEPTH = 3;
export const MAX_PCT_DEPTH = 1000;
/** An execution goes random after this many counted steps, or FAIR_FACTOR times the bound if more. */
export const FAIR_MIN = 1000;
export const FAIR_FACTOR = 10;

/** Priority of a goroutine not lowered yet: above every lowered one (those are < MAX_PCT_DEPTH). */
const TOP = 2 ** 40;

export class PctStrategy implements Strategy {
  readonly name = 'pct';
  private rng: () => number = () => 0;
  /** Most counted steps of an execution that stayed in PCT mode so far (or the bound given to start from). */
  private learned: number;
  /** When only executions that went random were seen: their switch point, as a bound to try. */
  private fallback = 0;
  /** The k of the current execution: change points lie in [1, bound]. */
  private currentBound = 0;
  private counted = 0;
  private fairAfter = FAIR_MIN;
  private fair = false;
  private begun = false;
  /** Counted step (1-based) → the priority the goroutine about to run is lowered to. */
  private changePoints = new Map<number, number>();
  /** Goroutines not lowered yet, highest priority first. */
  private ranked: number[] = [];
  /** Priority by goroutine id: TOP − rank for the ranked ones, the lowered value for the others. */
  private priority: number[] = [];
  private seen: boolean[] = [];
  /** Next priority for a goroutine lowered by a yield: below everything, the latest lowest. */
  private yieldFloor = 0;

  constructor(
    private readonly firstSeed: number,
    private readonly runs: number,
    readonly depth: number = DEFAULT_PCT_DEPTH,
    initialBound = 0,
  ) {
    if (!Number.isInteger(depth) || depth < 1 || depth > MAX_PCT_DEPTH) throw new Error(`PCT depth must be an integer from 1 to ${MAX_PCT_DEPTH}, got ${depth}`);
    if (!Number.isInteger(initialBound) || initialBound < 0) throw new Error(`PCT step bound must be a non-negative integer, got ${initialBound}`);
    this.learned = initialBound;
  }

  /** The k the current execution places its change points within: with its seed, what names it. */
  get bound(): number {
    return this.currentBound;
  }

  /** Counted steps (two or more options) of the current execution so far. */
  get countedSteps(): number {
    return this.counted;
  }

  beginExecution(index: number): { seed: number } | null {
    if (index >= this.runs) return null;
    if (this.begun) this.learn();
    this.begun = true;
    const seed = this.firstSeed + index;
    this.rng = seedrandom.alea(String(seed));
    this.currentBound = this.learned > 0 ? this.learned : this.fallback;
    this.counted = 0;
    this.fair = false;
    this.fairAfter = Math.max(FAIR_MIN, FAIR_FACTOR * this.currentBound);
    this.ranked = [];
    this.priority = [];
    this.seen = [];
    this.yieldFloor = 0;
    this.changePoints = this.drawChangePoints();
    return { seed };
  }

  /** What the execution that just ended teaches about k. */
  private learn(): void {
    if (this.fair) this.fallback = Math.max(this.fallback, this.fairAfter);
    else this.learned = Math.max(this.learned, this.counted);
  }

  /** d−1 distinct change points in [1, bound] (all of them when the bound is smaller), priorities 1..d−1. */
  private drawChangePoints(): Map<number, number> {
    const points = new Map<number, number>();
    const want = Math.min(this.depth - 1, this.currentBound);
    let priority = 1;
    while (points.size < want) {
      const at = 1 + Math.floor(this.rng() * this.currentBound);
      if (!points.has(at)) points.set(at, priority++);
    }
    return points;
  }

  pickThread(enabled: ReadyThreads, _step: number, timerReady: boolean): number {
    this.counted++;
    const options = enabled.length + (timerReady ? 1 : 0);
    if (!this.fair && this.counted > this.fairAfter) this.fair = true;
    if (this.fair) return Math.floor(this.rng() * options);

    for (const t of enabled) if (!this.seen[t.id]) this.admit(t.id);
    if (timerReady && Math.floor(this.rng() * options) === enabled.length) return enabled.length;

    let best = this.highest(enabled);
    const lowerTo = this.changePoints.get(this.counted);
    if (lowerTo !== undefined) {
      this.lower(enabled.at(best)!.id, lowerTo);
      best = this.highest(enabled);
    }
    if (isYieldOp(enabled.at(best)!.pending) && enabled.length > 1) {
      this.lower(enabled.at(best)!.id, -++this.yieldFloor);
      best = this.highest(enabled);
    }
    return best;
  }

  pickChoice(_kind: string, n: number): number {
    return Math.floor(this.rng() * n);
  }

  /** A goroutine seen for the first time: a random slot among the ones not lowered. */
  private admit(id: number): void {
    this.seen[id] = true;
    const slot = Math.floor(this.rng() * (this.ranked.length + 1));
    this.ranked.splice(slot, 0, id);
    this.rerank(slot);
  }

  private lower(id: number, to: number): void {
    const at = this.ranked.indexOf(id);
    if (at >= 0) {
      this.ranked.splice(at, 1);
      this.rerank(at);
    }
    this.priority[id] = to;
  }

  private rerank(from: number): void {
    for (let i = from; i < this.ranked.length; i++) this.priority[this.ranked[i]!] = TOP - i;
  }

  private highest(enabled: ReadyThreads): number {
    // The first of the highest priority (one pass in id order: `at` would cost O(log n) per index).
    let best = 0;
    let top = -Infinity;
    enabled.forEach((t, i) => {
      const p = this.priority[t.id]!;
      if (p > top) {
        best = i;
        top = p;
      }
    });
    return best;
  }
}
