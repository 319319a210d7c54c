/**
 * The timeline of the failing execution: which goroutine did what, in order, and where.
 *
 * Bounded whatever the execution's length: it prints at most TIMELINE_ROWS rows of steps, the last ones (the
 * finding is at the end), after a line saying how many earlier steps are left out. A step like one of the
 * few shown just before it (same goroutine, same operation up to the numbers in it, same place) is not
 * printed again: a run of them becomes one line, "… 40 more like this". The last step is always printed.
 *
 * The trace it gets may itself be only the end of the execution's (harness/runs.ts keeps the tail): step
 * numbers, not positions, say how many steps came before.
 */
import type { ChalkInstance } from 'chalk';
import type { TraceEvent } from '../findings.js';

/** Rows printed at most (a collapsed run counts as one). */
export const TIMELINE_ROWS = 40;
/** A step is "like" one of this many distinct steps printed right before it. */
const LIKE_WINDOW = 8;

type Row = { event: TraceEvent } | { more: number; kinds: number };

/** What makes two steps alike: goroutine, operation with its numbers left out, place. */
function likeKey(e: TraceEvent): string {
  return `${e.thread}\u0000${e.what.replace(/\d+(\.\d+)?/g, '#')}\u0000${e.at ?? ''}`;
}

/** The rows of a trace: runs of steps like the recent ones collapsed. */
export function collapse(trace: readonly TraceEvent[]): Row[] {
  const rows: Row[] = [];
  let recent: string[] = [];
  let more = 0;
  let kinds = new Set<string>();
  const flush = () => {
    if (more > 0) rows.push({ more, kinds: kinds.size });
    more = 0;
    kinds = new Set();
  };
  trace.forEach((e, i) => {
    const key = likeKey(e);
    const last = i === trace.length - 1;
    if (!last && recent.includes(key)) {
      more++;
      kinds.add(key);
      return;
    }
    flush();
    rows.push({ event: e });
    recent = [...recent.filter((k) => k !== key), key].slice(-LIKE_WINDOW);
  });
  return rows;
}

/** `word`: the flavour's word for a thread, the thread column's heading ('goroutine', 'thread'). */
export function timelineLines(trace: readonly TraceEvent[], c: ChalkInstance, word = 'goroutine'): string[] {
  if (trace.length === 0) return [];
  const all = collapse(trace);
  const rows = all.slice(-TIMELINE_ROWS);
  // Steps before the first printed row: those before the trace given, and the rows cut off its start.
  const stepsIn = (rs: Row[]) => rs.reduce((n, r) => n + ('event' in r ? 1 : r.more), 0);
  const leading = 'event' in rows[0]! ? 0 : (rows[0] as { more: number }).more;
  const elided = trace[0]!.step - 1 + stepsIn(all.slice(0, all.length - rows.length)) + leading;
  const shown = rows.flatMap((r) => ('event' in r ? [r.event] : []));
  const withTime = trace.some((e) => e.time !== 0);
  const stepW = Math.max(4, ...shown.map((e) => String(e.step).length));
  const nameW = Math.max(word.length, ...shown.map((e) => e.threadName.length));
  const whatW = Math.min(48, Math.max(4, ...shown.map((e) => e.what.length)));
  const timeW = Math.max(4, ...shown.map((e) => `${e.time}ms`.length));

  const row = (step: string, time: string, name: string, what: string, at: string) =>
    [step.padStart(stepW), ...(withTime ? [time.padStart(timeW)] : []), name.padEnd(nameW), what.padEnd(whatW), at]
      .join('  ')
      .trimEnd();
  const note = (text: string) => c.dim(`${'…'.padStart(stepW)}  ${text}`);

  const lines = [c.dim(row('step', 'time', word, 'what', 'where'))];
  if (elided > 0) lines.push(note(`${elided.toLocaleString('en-US')} earlier step${elided === 1 ? '' : 's'} not shown`));
  rows.forEach((r, i) => {
    if ('event' in r) {
      const e = r.event;
      lines.push(row(String(e.step), `${e.time}ms`, e.threadName, e.what, e.at ? c.cyan(e.at) : ''));
    } else if (i > 0) {
      lines.push(note(`${r.more.toLocaleString('en-US')} more like ${r.kinds === 1 ? 'this' : 'these'}`));
    }
  });
  return lines;
}

/** How many steps the execution of a trace (or of its tail) took: the last step's number. */
export function traceSteps(trace: readonly TraceEvent[]): number {
  return trace.length === 0 ? 0 : trace[trace.length - 1]!.step;
}
