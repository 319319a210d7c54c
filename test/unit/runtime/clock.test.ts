import { describe, expect, it } from 'vitest';
import { happensBefore, VectorClock } from '../../../src/runtime/clock.js';

describe('VectorClock', () => {
  it('reads missing entries as 0 and ticks its own entry', () => {
    const c = new VectorClock();
    expect(c.get(3)).toBe(0);
    c.tick(3);
    c.tick(3);
    expect(c.get(3)).toBe(2);
    expect(c.get(1)).toBe(0);
  });

  it('joins pointwise and orders by leq', () => {
    const a = new VectorClock([1, 5, 0]);
    const b = new VectorClock([2, 1]);
    expect(a.leq(b)).toBe(false);
    expect(b.leq(a)).toBe(false);
    a.join(b);
    expect(a.toArray()).toEqual([2, 5, 0]);
    expect(b.leq(a)).toBe(true);
  });

  it('gives its entries as a sparse array: holes below a large id, the same values as toArray', () => {
    const c = new VectorClock();
    c.tick(0);
    c.tick(9_000);
    c.tick(9_000);
    const sparse = c.toSparseArray();
    expect(sparse.length).toBe(9_001);
    const set: [number, number][] = [];
    sparse.forEach((v, i) => set.push([i, v]));
    expect(set).toEqual([[0, 1], [9_000, 2]]);
    expect(sparse[5]).toBeUndefined();
    const dense = c.toArray();
    for (let i = 0; i < dense.length; i++) expect(sparse[i] ?? 0).toBe(dense[i]);
  });

  it('copies and assigns without sharing storage', () => {
    const a = new VectorClock([1, 2]);
    const b = a.copy();
    b.tick(0);
    expect(a.get(0)).toBe(1);
    const c = new VectorClock();
    c.assign(a);
    a.tick(1);
    expect(c.get(1)).toBe(2);
  });

  it('decides happens-before of an epoch', () => {
    const now = new VectorClock([3, 1]);
    expect(happensBefore({ tid: 0, clock: 3, step: 0, at: undefined }, now)).toBe(true);
    expect(happensBefore({ tid: 0, clock: 4, step: 0, at: undefined }, now)).toBe(false);
    expect(happensBefore({ tid: 2, clock: 1, step: 0, at: undefined }, now)).toBe(false);
  });
});
