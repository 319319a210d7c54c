/**
 * Wakeup trees (scheduler/wakeup.ts): what insertion covers, and what a node keeps of the sequences it
 * covered (WNode.takeAbsorbed), which the explorer inserts again when the node's step cannot run, and
 * what a node below learns of them when its parent's step ran (WNode.ran).
 */
import { describe, expect, it } from 'vitest';
import type { Ev } from '../../../src/scheduler/events.js';
import { insertSequence, sameSequence, type WNode } from '../../../src/scheduler/wakeup.js';

/** The goroutines of each sequence. */
const ts = (vs: (readonly Ev[])[]) => vs.map((v) => v.map((e) => e.t));
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
    const kept = roots[0]!.takeAbsorbed();
    expect(kept).toHaveLength(2);
    expect(sameSequence(kept[0]!, seq)).toBe(true);
    expect(sameSequence(kept[1]!, [ev(1), ev(3)])).toBe(true);
    // Handed over: the node keeps none.
    expect(roots[0]!.takeAbsorbed()).toEqual([]);
  });

  it('the first node of the walk keeps a sequence once, however often it comes; a node below learns it when its parent ran', () => {
    // A chain 1 → 2 → 3, and sequences that walk it (their last steps all write object 30, so none covers another).
    const build = (): WNode[] => {
      const roots: WNode[] = [];
      insertSequence(roots, [ev(1, [10]), ev(2, [20]), ev(3, [30])]);
      for (let i = 0; i < many; i++) {
        expect(insertSequence(roots, [ev(1, [10]), ev(2, [20]), ev(4 + i, [30])])).toBe(true);
        expect(insertSequence(roots, [ev(1, [10]), ev(2, [20]), ev(4 + i, [30])])).toBe(false);
      }
      return roots;
    };
    const many = 40; // past the scan limit: duplicates are then found by hash
    const kept = build();
    expect(ts(kept[0]!.takeAbsorbed())).toEqual(Array.from({ length: many }, (_, i) => [1, 2, 4 + i]));
    // Every duplicate was recognised: each new sequence made one new branch below 2, and no more.
    const second = kept[0]!.children[0]!;
    expect(second.children.map((n) => n.ev.t)).toEqual([3, ...Array.from({ length: many }, (_, i) => 4 + i)]);
    expect(second.takeAbsorbed()).toEqual([]);

    const ran = build();
    ran[0]!.ran();
    expect(ran[0]!.takeAbsorbed()).toEqual([]);
    expect(ts(ran[0]!.children[0]!.takeAbsorbed())).toEqual(Array.from({ length: many }, (_, i) => [2, 4 + i]));
  });

  it('a node whose step ran keeps nothing: each sequence goes on to the child that covered its rest, and only there', () => {
    const roots: WNode[] = [];
    insertSequence(roots, [ev(1, [10]), ev(2, [20])]);
    // 6 writes what 2 writes: 2 does not cover [6], which becomes a second child of 1.
    expect(insertSequence(roots, [ev(1, [10]), ev(6, [20])])).toBe(true);
    // [2, 3] is covered below 1 by the leaf 2.
    expect(insertSequence(roots, [ev(1, [10]), ev(2, [20]), ev(3, [30])])).toBe(false);
    const [two, six] = roots[0]!.children;
    expect([two!.ev.t, six!.ev.t]).toEqual([2, 6]);
    expect(two!.takeAbsorbed()).toEqual([]);
    roots[0]!.ran();
    expect(roots[0]!.takeAbsorbed()).toEqual([]);
    expect(ts(two!.takeAbsorbed())).toEqual([[2, 3]]);
    expect(ts(six!.takeAbsorbed())).toEqual([[6]]);
  });

  it('a sequence whose first step conflicts with the tree becomes a new branch', () => {
    const roots: WNode[] = [];
    insertSequence(roots, [ev(1, [10])]);
    expect(insertSequence(roots, [ev(2, [10]), ev(1, [10])])).toBe(true);
    expect(roots.map((n) => n.ev.t)).toEqual([1, 2]);
    expect(roots[0]!.takeAbsorbed()).toEqual([]);
  });
});
