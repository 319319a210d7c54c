/**
 * Happens-before edges between goroutines, derived from a recorded trace's vector clocks (runtime/execution.ts
 * records each step's clock before and after it, and the clocks of goroutines a step completed an operation for).
 *
 * Rules (runtime/clock.ts): entry u of a clock counts the releases of goroutine u it has seen, and u's own entry
 * grows by one at each release. So a step of t whose clock gains entry u (to value v) acquired a release of u:
 * the source is the step of u that moved u's entry past v (an unlock, a send, a done: the release is inside the
 * step), or, when u's entry moved between two of its steps (a `go` statement runs in the goroutine's code, not in
 * a step), the last step of u before that move. An edge implied by another one (t learns of u through w) is left
 * out, so the page shows the direct synchronisations: unlock→lock, send→receive, go→start, end→join, done→wait.
 */
import type { TraceEvent } from '../findings.js';

/** A point on a goroutine's lane: a trace row (its own step), or a row where another goroutine's step completed its operation. */
export interface LanePoint {
  row: number;
  thread: number;
  /** True for an operation completed by another goroutine's step (a hand-off), drawn as a small mark. */
  woken: boolean;
}

export interface HbEdge {
  from: LanePoint;
  to: LanePoint;
}

interface Point extends LanePoint {
  before: number[];
  after: number[];
}

const at = (c: number[], i: number) => c[i] ?? 0;

/** Every lane point of the trace, in order (a row's own step first, then what it completed for others). */
function lanePoints(trace: readonly TraceEvent[]): Point[] {
  const points: Point[] = [];
  const last = new Map<number, number[]>();
  trace.forEach((e, row) => {
    if (e.thread < 0 || !e.clock) return;
    points.push({ row, thread: e.thread, woken: false, before: e.clock.before, after: e.clock.after });
    last.set(e.thread, e.clock.after);
    for (const w of e.woke ?? []) {
      points.push({ row, thread: w.thread, woken: true, before: last.get(w.thread) ?? [], after: w.clock });
      last.set(w.thread, w.clock);
    }
  });
  return points;
}

/** The point of goroutine u (among `lane`, all before the acquiring point) that released u's entry value v. */
function releaseOf(lane: readonly Point[], u: number, v: number): Point | undefined {
  for (let i = 0; i < lane.length; i++) {
    const p = lane[i]!;
    if (at(p.after, u) <= v) continue;
    if (at(p.before, u) <= v) return p; // released inside this step
    return i > 0 ? lane[i - 1] : undefined; // released between two steps: after the previous one
  }
  return lane[lane.length - 1];
}

export function happensBeforeEdges(trace: readonly TraceEvent[]): HbEdge[] {
  const points = lanePoints(trace);
  const lanes = new Map<number, Point[]>();
  const seen = new Map<number, number[]>();
  const edges: HbEdge[] = [];
  for (const p of points) {
    const prev = seen.get(p.thread) ?? [];
    const candidates: { u: number; v: number; src: Point }[] = [];
    // forEach visits only the entries set: a recorded clock is sparse (a hole is 0), so this costs the clock's
    // own entries, not its largest goroutine id.
    p.after.forEach((v, u) => {
      if (u === p.thread || v <= at(prev, u)) return;
      const src = releaseOf(lanes.get(u) ?? [], u, v);
      if (src) candidates.push({ u, v, src });
    });
    for (const c of candidates) {
      const implied = candidates.some((o) => o !== c && at(o.src.after, c.u) >= c.v);
      if (!implied) edges.push({ from: strip(c.src), to: strip(p) });
    }
    seen.set(p.thread, p.after);
    const lane = lanes.get(p.thread);
    if (lane) lane.push(p);
    else lanes.set(p.thread, [p]);
  }
  return edges;
}

function strip(p: Point): LanePoint {
  return { row: p.row, thread: p.thread, woken: p.woken };
}
