import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/findings.js';
import { collapse, TIMELINE_ROWS, timelineLines, traceSteps } from '../../../src/report/timeline.js';

const c = new Chalk({ level: 0 });

const ev = (step: number, thread: number, what: string, at = `s.ts:${10 + thread}:3`): TraceEvent => ({
  step,
  thread,
  threadName: thread < 0 ? 'timer' : `g${thread}`,
  what,
  at,
  time: 0,
});

/** `n` steps from `first` on: goroutines 1 and 2 adding in an irregular order, then goroutine 1's write. */
function spin(first: number, n: number): TraceEvent[] {
  const out: TraceEvent[] = [];
  for (let i = 0; i < n - 1; i++) out.push(ev(first + i, i % 3 === 0 ? 2 : 1, `add(1) atomic.Int64 'n' → ${i}`));
  out.push(ev(first + n - 1, 1, 'write x ← 1'));
  return out;
}

describe('timeline', () => {
  it('prints a short timeline whole', () => {
    const trace = [ev(1, 0, 'start', ''), ev(2, 0, 'lock Mutex mu'), ev(3, 1, 'read x → 0')];
    const lines = timelineLines(trace, c);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(/^\s+3 {2}g1 +read x → 0 +s\.ts:11:3$/);
  });

  it('collapses steps like the recent ones, up to their numbers, and always shows the last step', () => {
    const rows = collapse(spin(1, 1_000));
    // g2 adds, g1 adds, the other 997 adds in one line, the write.
    expect(rows).toEqual([
      { event: expect.objectContaining({ step: 1, thread: 2 }) },
      { event: expect.objectContaining({ step: 2, thread: 1 }) },
      { more: 997, kinds: 2 },
      { event: expect.objectContaining({ step: 1_000, what: 'write x ← 1' }) },
    ]);
    const lines = timelineLines(spin(1, 1_000), c);
    expect(lines).toContain('   …  997 more like these');
  });

  it('a step at another place, or by another goroutine, is not like the others', () => {
    const trace = [ev(1, 1, 'yield'), ev(2, 1, 'yield'), ev(3, 1, 'yield', 'other.ts:1:1'), ev(4, 3, 'yield'), ev(5, 1, 'yield'), ev(6, 1, 'write')];
    expect(collapse(trace).map((r) => ('event' in r ? r.event.step : `+${r.more}`))).toEqual([1, '+1', 3, 4, '+1', 6]);
  });

  it('stays bounded for a million steps given only their tail, and counts the steps left out', () => {
    // A tail as the harness keeps it: 1,000 events, numbered as the steps they were.
    const tail = spin(999_006, 1_000);
    expect(traceSteps(tail)).toBe(1_000_005);
    const lines = timelineLines(tail, c);
    expect(lines.length).toBeLessThanOrEqual(TIMELINE_ROWS + 2);
    expect(lines[1]).toContain('999,005 earlier steps not shown');
    expect(lines.at(-1)).toMatch(/1000005 {2}g1 +write x ← 1/);
  });

  it('with more distinct rows than it prints, counts every step before the first row shown', () => {
    // 200 steps, each unlike the last 8: no collapse, the last TIMELINE_ROWS are printed.
    const trace = Array.from({ length: 200 }, (_, i) => ev(i + 1, i % 20, 'yield'));
    const lines = timelineLines(trace, c);
    expect(lines).toHaveLength(TIMELINE_ROWS + 2);
    expect(lines[1]).toContain(`${200 - TIMELINE_ROWS} earlier steps not shown`);
    expect(lines[2]).toMatch(new RegExp(`^\\s+${200 - TIMELINE_ROWS + 1} `));
  });
});
