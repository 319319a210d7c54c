/**
 * A big clock that goroutines release into one by one, in any tid order (a WaitGroup's Done from each
 * of many goroutines): each release costs no O(n) edit of its sorted entries (runtime/clock.ts, the
 * tail), and every value it gives — get, join, leq, copy, assign, toArray — is the one a dense vector
 * of the same releases gives.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { VectorClock } from '../../../src/runtime/clock.js';
import { release } from '../../../src/runtime/sync.js';
import type { Thread } from '../../../src/runtime/thread.js';

/** The sorted pairs of a clock (white box: how many entries it holds sorted). */
const sortedLength = (c: VectorClock) => (c as unknown as { e: number[] }).e.length;

/** A goroutine with tid `id` whose clock has seen only itself. */
function goroutine(id: number): Thread {
  const clock = new VectorClock();
  clock.set(id, 1);
  return { id, clock } as unknown as Thread;
}

/** A dense model of a clock: values by tid. */
const dense = (c: number[], n: number) => Array.from({ length: n }, (_, i) => c[i] ?? 0);

describe('VectorClock growth', () => {
  it('takes a release of a new goroutine into a big clock without moving its sorted entries', () => {
    const cell = new VectorClock();
    // 100 goroutines with even tids release in order: appended at the end, sorted.
    for (let tid = 0; tid < 200; tid += 2) release(goroutine(tid), cell);
    const n = sortedLength(cell);
    expect(n).toBe(200);
    // An odd tid lands in the middle: not spliced into the 200 sorted numbers.
    release(goroutine(101), cell);
    expect(sortedLength(cell)).toBe(n);
    expect(cell.get(101)).toBe(1);
    expect(cell.get(100)).toBe(1);
    expect(cell.get(102)).toBe(1);
    expect(cell.get(103)).toBe(0);
  });

  it('gives what a dense vector gives, whatever order goroutines release in', () => {
    for (const seed of [1, 2, 3, 4]) {
      const rng = seedrandom.alea(String(seed));
      const N = 400;
      const cell = new VectorClock();
      const model: number[] = [];
      const reader = new VectorClock([3, 0, 1]);
      const readerModel = [3, 0, 1];
      for (let k = 0; k < 1_500; k++) {
        const tid = Math.floor(rng() * N);
        const value = 1 + Math.floor(rng() * 5);
        const r = rng();
        if (r < 0.5) {
          // A goroutine's small clock released into the cell (the join of a small clock into a big one).
          const g = new VectorClock();
          g.set(0, 1 + (k % 3));
          g.set(tid, value);
          cell.join(g);
          model[0] = Math.max(model[0] ?? 0, g.get(0));
          model[tid] = Math.max(model[tid] ?? 0, value);
        } else if (r < 0.7) {
          cell.tick(tid);
          model[tid] = (model[tid] ?? 0) + 1;
        } else if (r < 0.8) {
          cell.set(tid, value);
          model[tid] = value;
        } else if (r < 0.85) {
          // A reader acquires the whole cell (a Wait's return), then compares.
          reader.join(cell);
          for (let i = 0; i < N; i++) readerModel[i] = Math.max(readerModel[i] ?? 0, model[i] ?? 0);
          expect(cell.leq(reader)).toBe(true);
        } else if (r < 0.9) {
          const c = cell.copy();
          expect(dense(c.toArray(), N)).toEqual(dense(model, N));
          c.tick(tid);
          expect(cell.get(tid)).toBe(model[tid] ?? 0);
        } else if (r < 0.92) {
          const c = new VectorClock([9]);
          c.assign(cell);
          expect(dense(c.toArray(), N)).toEqual(dense(model, N));
        }
        expect(cell.get(tid)).toBe(model[tid] ?? 0);
        if (k % 50 === 0) {
          // Compared before anything reads the cell whole (leq must see its unsorted entries too).
          const same = new VectorClock(dense(model, N));
          const bigger = new VectorClock(dense(model, N).map((v) => v + 1));
          expect(same.leq(cell)).toBe(true);
          expect(cell.leq(same)).toBe(true);
          expect(cell.leq(bigger)).toBe(true);
          expect(bigger.leq(cell)).toBe(false);
          expect(dense(cell.toArray(), N)).toEqual(dense(model, N));
          expect(dense(reader.toArray(), N)).toEqual(dense(readerModel, N));
        }
      }
      expect(dense(cell.toArray(), N)).toEqual(dense(model, N));
    }
  });
});
