/**
 * Wakeup trees and sleep sets of optimal DPOR (Abdulla, Aronis, Jonsson, Sagonas, POPL 2014 / JACM 2017).
 *
 * A node of the exploration (a state) keeps a sleep set — steps already explored from it, or from an
 * ancestor with only independent steps since, whose continuations are covered elsewhere — and a
 * wakeup tree: sequences of steps still to explore from it, ordered (children explored left to right).
 *
 * - A sequence v is *covered* by the sleep set when some sleeping step x is a weak initial of v: x's
 *   step is the first step of its goroutine in v and nothing before it in v depends on it, or x's
 *   goroutine does not occur in v and x is independent of all of v. Then every execution starting
 *   with v is equivalent to one starting with x, which was explored.
 * - Inserting v walks the tree from the root: at each node, the first child whose step is a weak
 *   initial of the rest of v is followed (and removed from the rest when it occurs in it). Reaching a
 *   leaf means v is already covered (a sequence the tree will explore extends to an execution
 *   equivalent to one v extends to); otherwise the rest of v becomes a new rightmost branch.
 *   The covering assumes each node's step can run in its state, which the recorder cannot always tell
 *   (TraceRecorder.feasible): a node keeps what v was at its level (WNode.covered; the first node of
 *   the walk at once, the ones below when their parent's step ran), and when its step cannot run the
 *   explorer inserts those sequences again there (DporExplorer.restore).
 * These are Definitions 6.2–6.4 of the JACM paper, with dependence from events.ts.
 *
 * Invariant: a tree node's children are in the order they are to be explored; insertion only appends,
 * so the leftmost path below any node never changes once it is there (parallel workers rely on the
 * trace a branch produces being fixed when the branch is inserted).
 */
import { dependent, sameChoices, sameStep, type Ev } from './events.js';

/** Past this many sequences a node finds duplicates through a map by hash rather than a scan. */
const SCAN_LIMIT = 16;

export class WNode {
  /**
   * The sequences (from this node's parent state) that insertion let this node cover: it was a weak
   * initial of each. A node's step may turn out unable to run in its state (a reversal the recorder could
   * not rule out, TraceRecorder.feasible); what it covered must then be inserted again. Each is kept once:
   * the same one is absorbed over and over (every race that reverses to it).
   *
   * Only the first node of an insertion's walk keeps the sequence (the pending branch of the state it was
   * inserted at); each node below learns its own from its parent when the parent's step has run (`ran`),
   * because only then can it be tried. Keeping a copy at every level of every walk, the old way, was most of
   * a long exploration's heap (1.7 GB after 8 s of chan-semaphore.ts, the collector taking most of the time);
   * a subtree whose top turns out unable to run is dropped with nothing computed for it.
   *
   * Invariant: the arrays kept are never changed (insertSequence copies before it removes steps).
   */
  private covered: (readonly Ev[])[] | null = null;
  /** The hashes (sequenceHash) of `covered`, at the same index. */
  private hashes: number[] | null = null;
  /** Indices into `covered` by hash, once it is long (SCAN_LIMIT). */
  private byHash: Map<number, number[]> | null = null;
  /**
   * @param children exact-size arrays where it can (chain): a tree holds a node per step of every
   * branch still to explore, and an array grown by one push reserves room for 16.
   */
  constructor(
    readonly ev: Ev,
    readonly children: WNode[] = [],
  ) {}

  /** Note that this node covered `v` (of hash `h`), unless it already did. */
  absorb(v: readonly Ev[], h: number): void {
    const list = (this.covered ??= []);
    const hashes = (this.hashes ??= []);
    if (this.byHash === null) {
      for (let i = 0; i < list.length; i++) if (hashes[i] === h && sameSequence(list[i]!, v)) return;
    } else {
      const same = this.byHash.get(h);
      if (same !== undefined && same.some((i) => sameSequence(list[i]!, v))) return;
    }
    // An exact-size copy: the inserted arrays were grown by pushes (TraceRecorder.notdep).
    list.push(v.slice());
    hashes.push(h);
    if (this.byHash !== null) this.index(list.length - 1);
    else if (list.length > SCAN_LIMIT) {
      this.byHash = new Map();
      for (let i = 0; i < list.length; i++) this.index(i);
    }
  }

  private index(i: number): void {
    const h = this.hashes![i]!;
    const same = this.byHash!.get(h);
    if (same === undefined) this.byHash!.set(h, [i]);
    else same.push(i);
  }

  /** The sequences it covered (each once, in the order first covered), handed over: the node keeps none. */
  takeAbsorbed(): (readonly Ev[])[] {
    const list = this.covered ?? [];
    this.clear();
    return list;
  }

  /**
   * Its step ran in its state: what it covered stays covered, and it keeps none of it. Each sequence, its
   * step removed, goes on to the child that covered the rest when it was inserted: the first child its
   * rest has as a weak initial, as insertSequence's walk found it (children are only appended until the
   * node is taken, so the first one that matched then is the first that matches now).
   */
  ran(): void {
    const list = this.covered;
    this.clear();
    if (list === null || this.children.length === 0) return;
    for (const v of list) {
      const rest = v.slice();
      const k = initialIndex(rest, this.ev);
      if (k >= 0) rest.splice(k, 1);
      if (rest.length === 0) continue;
      const h = sequenceHash(rest);
      for (const c of this.children) {
        if (weakInitial(c.ev, rest)) {
          c.absorb(rest, h);
          break;
        }
      }
    }
  }

  private clear(): void {
    this.covered = null;
    this.hashes = null;
    this.byHash = null;
  }
}

/** A hash of a sequence's steps (goroutine and answers of each: what makes two sequences the same). */
export function sequenceHash(v: readonly Ev[]): number {
  let h = v.length;
  for (const e of v) {
    h = (Math.imul(h, 31) + e.t) | 0;
    for (const c of e.ch) h = (Math.imul(h, 31) + c + 1) | 0;
    h = (Math.imul(h, 31) - 1) | 0;
  }
  return h;
}

/** The same steps, in the same order (goroutines and answers). */
export function sameSequence(a: readonly Ev[], b: readonly Ev[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.t !== y.t || x.ch.length !== y.ch.length || !sameChoices(x.ch, y.ch)) return false;
  }
  return true;
}

/** Index in `v` of `x`'s step when it is an initial of v (first of its goroutine, nothing earlier depends on it), else -1. */
function initialIndex(v: readonly Ev[], x: Ev): number {
  let k = -1;
  for (let i = 0; i < v.length; i++) {
    if (v[i]!.t === x.t) {
      k = i;
      break;
    }
  }
  if (k < 0 || !sameStep(v[k]!, x)) return -1;
  const e = v[k]!;
  for (let i = 0; i < k; i++) if (dependent(v[i]!, e)) return -1;
  return k;
}

function occurs(v: readonly Ev[], t: number): boolean {
  for (const e of v) if (e.t === t) return true;
  return false;
}

function independentOfAll(x: Ev, v: readonly Ev[]): boolean {
  for (const e of v) if (dependent(x, e)) return false;
  return true;
}

/** Is `x` a weak initial of `v`? */
export function weakInitial(x: Ev, v: readonly Ev[]): boolean {
  if (initialIndex(v, x) >= 0) return true;
  return !occurs(v, x.t) && independentOfAll(x, v);
}

/**
 * Would an execution following `v` run into a sleeping step (a step of a sleeping goroutine that
 * nothing before it in v depends on)? Such a sequence is covered by whatever explored that step.
 */
export function sleepBlocks(sleep: readonly Ev[], v: readonly Ev[]): boolean {
  for (const x of sleep) {
    let k = -1;
    for (let i = 0; i < v.length; i++) {
      if (v[i]!.t === x.t) {
        k = i;
        break;
      }
    }
    if (k < 0 || !sameChoices(v[k]!.ch, x.ch)) continue;
    let woken = false;
    for (let i = 0; i < k && !woken; i++) if (dependent(v[i]!, x)) woken = true;
    if (!woken) return true;
  }
  return false;
}

/** Is every execution starting with `v` covered by a sleeping step? */
export function sleepCovers(sleep: readonly Ev[], v: readonly Ev[]): boolean {
  for (const x of sleep) if (weakInitial(x, v)) return true;
  return false;
}

/**
 * Insert `v` below a node whose pending children are `roots` (the root itself is the state, so an
 * empty `roots` is not a covering leaf). Returns whether a new branch was added.
 */
export function insertSequence(roots: WNode[], v: readonly Ev[]): boolean {
  let children = roots;
  const rest = v.slice();
  let atRoot = true;
  for (;;) {
    if (!atRoot && children.length === 0) return false;
    let next: WNode | null = null;
    let k = -1;
    for (const c of children) {
      k = initialIndex(rest, c.ev);
      if (k >= 0 || (!occurs(rest, c.ev.t) && independentOfAll(c.ev, rest))) {
        next = c;
        break;
      }
    }
    if (next === null) {
      children.push(chain(rest));
      return true;
    }
    // The first node of the walk keeps v; the ones below learn it when their parent runs (WNode.ran).
    if (atRoot) next.absorb(v, sequenceHash(v));
    if (k >= 0) rest.splice(k, 1);
    if (rest.length === 0) return false;
    children = next.children;
    atRoot = false;
  }
}

function chain(v: readonly Ev[]): WNode {
  // Built from the leaf up, so that each node's one child is an exact-size array.
  let n = new WNode(v[v.length - 1]!);
  for (let i = v.length - 2; i >= 0; i--) n = new WNode(v[i]!, [n]);
  return n;
}
