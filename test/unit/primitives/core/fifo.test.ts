import { describe, expect, it } from 'vitest';
import { Fifo } from '../../../../src/primitives/core/fifo.js';

describe('Fifo', () => {
  it('is first in, first out across growth and wrap-around', () => {
    const q = new Fifo<number>(2);
    const model: number[] = [];
    let next = 0;
    // interleave pushes and shifts so the head wraps around the ring many times while it grows
    for (let round = 0; round < 200; round++) {
      for (let k = 0; k < (round % 7) + 1; k++) {
        q.push(next);
        model.push(next++);
      }
      for (let k = 0; k < (round % 5) + 1 && model.length > 0; k++) expect(q.shift()).toBe(model.shift());
      expect(q.length).toBe(model.length);
      expect(q.peek()).toBe(model[0]);
    }
    expect(q.toArray()).toEqual(model);
    while (model.length > 0) expect(q.shift()).toBe(model.shift());
    expect(q.shift()).toBeUndefined();
    expect(q.peek()).toBeUndefined();
    expect(q.length).toBe(0);
  });

  it('does not keep shifted values alive', () => {
    const q = new Fifo<object>(4);
    q.push({});
    q.shift();
    expect((q as unknown as { ring: unknown[] }).ring.every((x) => x === undefined)).toBe(true);
  });

  it('keeps O(1) shifts on a large queue', () => {
    const q = new Fifo<number>();
    const n = 200_000;
    for (let i = 0; i < n; i++) q.push(i);
    const t0 = performance.now();
    let sum = 0;
    for (let i = 0; i < n; i++) sum += q.shift()!;
    expect(sum).toBe((n * (n - 1)) / 2);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
