/**
 * The timeline of the failing execution: which goroutine did what, in order, and where.
 * Only the last TIMELINE_TAIL steps are shown (the finding is at the end); a line says how many were elided.
 */
import type { ChalkInstance } from 'chalk';
import type { TraceEvent } from '../findings.js';

export const TIMELINE_TAIL = 40;

export function timelineLines(trace: TraceEvent[], c: ChalkInstance): string[] {
  const shown = trace.slice(-TIMELINE_TAIL);
  const elided = trace.length - shown.length;
  const withTime = trace.some((e) => e.time !== 0);
  const stepW = Math.max(4, ...shown.map((e) => String(e.step).length));
  const nameW = Math.max(9, ...shown.map((e) => e.threadName.length));
  const whatW = Math.min(48, Math.max(4, ...shown.map((e) => e.what.length)));
  const timeW = Math.max(4, ...shown.map((e) => `${e.time}ms`.length));

  const row = (step: string, time: string, name: string, what: string, at: string) =>
    [step.padStart(stepW), ...(withTime ? [time.padStart(timeW)] : []), name.padEnd(nameW), what.padEnd(whatW), at]
      .join('  ')
      .trimEnd();

  const lines = [c.dim(row('step', 'time', 'goroutine', 'what', 'where'))];
  if (elided > 0) lines.push(c.dim(`${'…'.padStart(stepW)}  ${elided} earlier step${elided === 1 ? '' : 's'} not shown`));
  for (const e of shown) {
    lines.push(row(String(e.step), `${e.time}ms`, e.threadName, e.what, e.at ? c.cyan(e.at) : ''));
  }
  return lines;
}
