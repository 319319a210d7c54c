import { describe, expect, it } from 'vitest';
import { findWaitCycle } from '../../../src/detectors/deadlock.js';
import type { Thread } from '../../../src/runtime/thread.js';

/** Threads whose pending operation is blocked waiting for the given other thread. */
function graph(edges: Record<number, number | null>): Thread[] {
  const ts = Object.keys(edges).map((k) => ({ id: Number(k), pending: null }) as unknown as Thread);
  for (const t of ts) {
    const to = edges[t.id];
    if (to !== null && to !== undefined) {
      (t as { pending: unknown }).pending = { enabled: () => false, waitsFor: () => ts[to] };
    }
  }
  return ts;
}

describe('findWaitCycle', () => {
  it('finds the cycle through the goroutine that just blocked, in wait order', () => {
    const ts = graph({ 0: 1, 1: 2, 2: 0, 3: null });
    expect(findWaitCycle(ts[0]!)!.map((t) => t.id)).toEqual([0, 1, 2]);
  });

  it('finds none on a chain ending in a goroutine that runs', () => {
    const ts = graph({ 0: 1, 1: 2, 2: null });
    expect(findWaitCycle(ts[0]!)).toBeNull();
  });

  it('ignores a cycle further along that does not include the start', () => {
    const ts = graph({ 0: 1, 1: 2, 2: 1 });
    expect(findWaitCycle(ts[0]!)).toBeNull();
  });
});
