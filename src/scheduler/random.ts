/**
 * Uniform random walk: at every choice, each option is equally likely. Execution i uses seed
 * firstSeed + i, so `--seed N` names exactly one execution on every machine (seedrandom's alea is
 * a pure-JavaScript generator: same numbers on every platform).
 *
 * One sampling policy, not a rule of the runtime: a timer does not fire while a goroutine that a
 * timer already passed over (it could run when one fired) can run and has not run since. Free time
 * mode lets a timer fire at any step (a stalled machine), and the explorers cover every such stall;
 * a random walk that let timers pass a ready goroutine over and over would mostly sample machines
 * stalled for ever, which tells little (every lock would look unfair). Any schedule it picks is a
 * schedule of the runtime, so `replay` reproduces it.
 */
import type { ReadyThreads } from '../runtime/ready-list.js';
import seedrandom from 'seedrandom';
import type { Execution } from '../runtime/execution.js';
import type { Strategy } from '../runtime/strategy.js';

export class RandomStrategy implements Strategy {
  readonly name = 'random';
  private rng: () => number = () => 0;

  constructor(
    private readonly firstSeed: number,
    private readonly runs: number,
  ) {}

  beginExecution(index: number): { seed: number } | null {
    if (index >= this.runs) return null;
    const seed = this.firstSeed + index;
    this.rng = seedrandom.alea(String(seed));
    this.passed.fill(0);
    this.passedCount = 0;
    return { seed };
  }

  pickThread(enabled: ReadyThreads, _step: number, timerReady: boolean): number {
    const fire = timerReady && !this.holdsTimers(enabled);
    return Math.floor(this.rng() * (enabled.length + (fire ? 1 : 0)));
  }

  /** Passed-over flags by goroutine id (see the header), and how many are set. */
  private passed = new Uint8Array(16);
  private passedCount = 0;

  onStep(_exec: Execution, enabled: ReadyThreads, _timerReady: boolean, pick: number): void {
    if (pick === enabled.length) {
      for (const t of enabled) this.mark(t.id);
      return;
    }
    const id = enabled.at(pick)!.id;
    if (this.passedCount > 0 && id < this.passed.length && this.passed[id] === 1) {
      this.passed[id] = 0;
      this.passedCount--;
    }
  }

  private mark(id: number): void {
    if (id >= this.passed.length) {
      const grown = new Uint8Array(Math.max(id + 1, this.passed.length * 2));
      grown.set(this.passed);
      this.passed = grown;
    }
    if (this.passed[id] === 0) {
      this.passed[id] = 1;
      this.passedCount++;
    }
  }

  /** Does a goroutine that can run now still wait for its turn after a timer passed it over? */
  private holdsTimers(enabled: ReadyThreads): boolean {
    if (this.passedCount === 0) return false;
    for (const t of enabled) if (t.id < this.passed.length && this.passed[t.id] === 1) return true;
    return false;
  }

  pickChoice(_kind: string, n: number): number {
    return Math.floor(this.rng() * n);
  }
}
