/**
 * Wakeup trees (scheduler/wakeup.ts): what insertion covers, and what a node keeps of the sequences it
 * covered (WNode.absorbed), which the explorer inserts again when the node's step cannot run.
 */
import { describe, expect, it } from 'vitest';
import type { Ev } from '../../../src/scheduler/events.js';
import { insertSequence, sameSequence, type WNode } from '../../../src/scheduler/wakeup.js';

const ev = (t: number, objs: number[] = [], writes: boolean[] = objs.map(() => true)): Ev => ({ t, ch: [], objs, writes, all: false });

describe('insertSequence', () => {
  it('a sequence that starts with a leaf is covered by it, and the leaf keeps it once however often it comes', () => {
    const roots: WNode[] = [];
    expect(insertSequence(roots, [ev(1, [10])])).toBe(true);
    const seq = [ev(1, [10]), ev(2, [20])];
    expect(insertSequence(roots, seq)).toBe(false);
    expect(insertSequence(roots, seq.slice())).toBe(false);
    expect(insertSequence(roots, [ev(1, [10]), ev(3, [30])])).toBe(false);
    expect(roots).toHaveLength(1);
    const kept = roots[0]!.absorbed!;
    expect(kept).toHaveLength(2);
    expect(sameSequence(kept[0]!, seq)).toBe(true);
    expect(sameSequence(kept[1]!, [ev(1), ev(3)])).toBe(true);
  });

  it('a sequence whose first step conflicts with the tree becomes a new branch', () => {
    const roots: WNode[] = [];
    insertSequence(roots, [ev(1, [10])]);
    expect(insertSequence(roots, [ev(2, [10]), ev(1, [10])])).toBe(true);
    expect(roots.map((n) => n.ev.t)).toEqual([1, 2]);
    expect(roots[0]!.absorbed).toBeNull();
  });
});
