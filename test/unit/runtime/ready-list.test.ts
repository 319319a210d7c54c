/**
 * The ready set's order-statistic list (runtime/ready-list.ts): whatever goroutines come and go, and
 * however far the ids grow past its first capacity, every query answers what a sorted array of the
 * same goroutines answers — the sequence the strategies were offered before, so seeds pick the same.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { indexOfId, ReadyList } from '../../../src/runtime/ready-list.js';
import type { Thread } from '../../../src/runtime/thread.js';

const thread = (id: number) => ({ id }) as Thread;

/** Every query of `list` against the sorted array `want`. */
function expectSame(list: ReadyList, want: Thread[], all: Thread[]): void {
  expect(list.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(list.at(i)).toBe(want[i]);
  expect(list.at(want.length)).toBeUndefined();
  expect(list.at(-1)).toBeUndefined();
  expect([...list]).toEqual(want);
  expect(list.map((t, i) => [t.id, i])).toEqual(want.map((t, i) => [t.id, i]));
  const seen: number[] = [];
  list.forEach((t, i) => seen.push(t.id * 10_000 + i));
  expect(seen).toEqual(want.map((t, i) => t.id * 10_000 + i));
  for (const t of all) {
    expect(list.indexOf(t)).toBe(want.indexOf(t));
    expect(indexOfId(list, t.id)).toBe(want.indexOf(t));
    expect(indexOfId(want, t.id)).toBe(want.indexOf(t));
    expect(list.has(t)).toBe(want.includes(t));
    expect(list.findIndex((u) => u === t)).toBe(want.indexOf(t));
    expect(list.some((u) => u === t)).toBe(want.includes(t));
  }
}

describe('ReadyList', () => {
  it('answers as a sorted array under random adds and removes, across capacity growth', () => {
    // Seed 3 spreads the ids 40 apart: few members among many ids (the walk goes by rank, not by id).
    for (const seed of [1, 2, 3]) {
      const rng = seedrandom.alea(String(seed));
      const stride = seed === 3 ? 40 : 1;
      const all = Array.from({ length: 300 }, (_, k) => thread(k * stride));
      const list = new ReadyList();
      const model: Thread[] = [];
      for (let k = 0; k < 2_000; k++) {
        // Ids are offered in a growing window, as goroutines are spawned: the list grows from 16 to 512.
        const window = Math.min(all.length, 8 + (k >> 3));
        const t = all[Math.floor(rng() * window)]!;
        const i = model.indexOf(t);
        if (i >= 0) {
          list.remove(t);
          model.splice(i, 1);
        } else {
          list.add(t);
          model.push(t);
          model.sort((x, y) => x.id - y.id);
        }
        // A repeated at(i) is answered from its cache: it must not outlive a change.
        if (model.length > 0) expect(list.at(model.length >> 1)).toBe(model[model.length >> 1]);
        if (k % 250 === 0) expectSame(list, model, all);
      }
      expectSame(list, model, all);
    }
  });

  it('takes a first id far beyond its capacity, and keeps its members when it grows', () => {
    const list = new ReadyList();
    const a = thread(3);
    const b = thread(15);
    const c = thread(100_000);
    list.add(b);
    list.add(a);
    list.add(c);
    expectSame(list, [a, b, c], [a, b, c, thread(16), thread(99_999)]);
    list.remove(b);
    expectSame(list, [a, c], [a, b, c]);
  });
});
