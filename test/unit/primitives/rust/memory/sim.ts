/**
 * A tiny driver for the memory-model engine in tests: threads are lists of steps, and
 * `outcomes()` runs a litmus test under every interleaving of its steps and every store each load
 * may read (a depth-first walk over all choice sequences, as loom's), collecting the outcomes.
 */
import { VectorClock } from '../../../../../src/runtime/clock.js';
import { MemoryModel, type AtomicLocation, type MemoryModelOptions } from '../../../../../src/primitives/rust/memory/model.js';
import type { Ordering } from '../../../../../src/primitives/rust/memory/ordering.js';

export type Choose = (n: number) => number;

/** Runs `run` once per choice sequence, until every sequence was tried; returns every result. */
export function exploreAll<R>(run: (choose: Choose) => R, limit = 200_000): R[] {
  const results: R[] = [];
  let prefix: number[] = [];
  for (;;) {
    const trace: { c: number; n: number }[] = [];
    const choose: Choose = (n) => {
      if (!Number.isInteger(n) || n < 1) throw new Error(`choose(${n}): no option`);
      const i = trace.length;
      const c = i < prefix.length ? prefix[i]! : 0;
      if (c >= n) throw new Error('nondeterministic replay');
      trace.push({ c, n });
      return c;
    };
    results.push(run(choose));
    if (results.length > limit) throw new Error('too many executions');
    let k = trace.length - 1;
    while (k >= 0 && trace[k]!.c + 1 >= trace[k]!.n) k--;
    if (k < 0) return results;
    prefix = trace.slice(0, k).map((t) => t.c);
    prefix.push(trace[k]!.c + 1);
  }
}

/** One execution: the engine, thread 0 (main) and the threads it spawns, with their clocks. */
export class Sim {
  readonly m: MemoryModel;
  readonly clocks: VectorClock[] = [new VectorClock([1])];
  /** When false, every load reads candidate 0 (the newest): the sequentially consistent default. */
  pickLoads = true;

  constructor(
    readonly choose: Choose,
    opts: MemoryModelOptions = {},
  ) {
    this.m = new MemoryModel(opts);
  }

  loc<T>(initial: T, name?: string): AtomicLocation<T> {
    return this.m.location(initial, 0, this.clocks[0]!, name);
  }

  /** A new thread whose clock is main's (spawn happens-before the thread), then main releases. */
  spawn(): number {
    const tid = this.clocks.length;
    const c = this.clocks[0]!.copy();
    c.set(tid, 1);
    this.clocks.push(c);
    this.clocks[0]!.tick(0);
    return tid;
  }

  clock(tid: number): VectorClock {
    return this.clocks[tid]!;
  }

  load<T>(tid: number, loc: AtomicLocation<T>, o: Ordering): T {
    const n = this.m.loadCandidates(loc, tid, this.clock(tid), o).length;
    return this.m.load(loc, tid, this.clock(tid), o, this.pickLoads ? this.choose(n) : 0);
  }

  store<T>(tid: number, loc: AtomicLocation<T>, v: T, o: Ordering): void {
    this.m.store(loc, tid, this.clock(tid), v, o);
  }

  rmw<T>(tid: number, loc: AtomicLocation<T>, o: Ordering, f: (old: T) => T): T {
    return this.m.rmw(loc, tid, this.clock(tid), o, f);
  }

  fence(tid: number, o: Ordering): void {
    this.m.fence(tid, this.clock(tid), o);
  }
}

export interface Litmus {
  /** Per thread (in spawn order), its steps. */
  threads: Array<Array<() => void>>;
  /** The outcome, once every step ran. */
  outcome: () => string;
}

/** Every outcome of the litmus test `body` sets up, over all interleavings and all load choices. */
export function outcomes(body: (sim: Sim) => Litmus, opts: MemoryModelOptions & { pickLoads?: boolean } = {}): Set<string> {
  const all = exploreAll((choose) => {
    const sim = new Sim(choose, opts);
    if (opts.pickLoads === false) sim.pickLoads = false;
    const l = body(sim);
    const next = l.threads.map(() => 0);
    for (;;) {
      const runnable = l.threads.map((_, i) => i).filter((i) => next[i]! < l.threads[i]!.length);
      if (runnable.length === 0) break;
      const t = runnable[choose(runnable.length)]!;
      l.threads[t]![next[t]!++]!();
    }
    return l.outcome();
  });
  return new Set(all);
}

/** Sorted, for readable equality assertions. */
export function sorted(s: Set<string>): string[] {
  return [...s].sort();
}
