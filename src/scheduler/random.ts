/**
 * Uniform random walk: at every choice, each option is equally likely. Execution i uses seed
 * firstSeed + i, so `--seed N` names exactly one execution on every machine (seedrandom's alea is
 * a pure-JavaScript generator: same numbers on every platform).
 */
import seedrandom from 'seedrandom';
import type { Thread } from '../runtime/thread.js';
import type { Strategy } from './strategy.js';

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
    return { seed };
  }

  pickThread(enabled: readonly Thread[], _step: number, timerReady: boolean): number {
    return Math.floor(this.rng() * (enabled.length + (timerReady ? 1 : 0)));
  }

  pickChoice(_kind: string, n: number): number {
    return Math.floor(this.rng() * n);
  }
}
