/**
 * The data-race block, in the shape of Go's race detector report:
 *
 *   WARNING: DATA RACE
 *   Write at 'count' by goroutine worker-1:
 *     counter.ts:12:7
 *
 *   Previous read at 'count' by goroutine worker-0:
 *     counter.ts:12:7
 *
 *   Goroutine worker-1 created at:
 *     counter.ts:10:5
 */
import type { ChalkInstance } from 'chalk';
import type { Access, Finding } from '../findings.js';

/** What the race is on, as the runtime named it: "'count'", "channel 'ch'". */
function variableOf(finding: Finding): string | undefined {
  return finding.object ?? /'([^']+)'/.exec(finding.message)?.[0];
}

export function raceBlock(finding: Finding, c: ChalkInstance): string[] {
  const accesses = finding.accesses ?? [];
  if (accesses.length === 0) return [];
  const variable = variableOf(finding);
  const lines = [c.red.bold('WARNING: DATA RACE')];
  accesses.forEach((a: Access, i: number) => {
    const op = a.op === 'write' ? 'Write' : 'Read';
    const head = i === 0 ? op : `Previous ${op.toLowerCase()}`;
    const at = variable !== undefined ? ` at ${variable}` : '';
    if (i > 0) lines.push('');
    lines.push(`${head}${at} by goroutine ${a.thread.name}:`, `  ${c.cyan(a.at ?? '(location unknown)')}`);
  });
  const seen = new Set<number>();
  for (const a of accesses) {
    if (seen.has(a.thread.id)) continue;
    seen.add(a.thread.id);
    const t = finding.threads.find((th) => th.id === a.thread.id);
    lines.push('');
    if (t?.startedAt) lines.push(`Goroutine ${a.thread.name} created at:`, `  ${c.cyan(t.startedAt)}`);
    else if (a.thread.id === 0) lines.push(`Goroutine ${a.thread.name} is the main goroutine.`);
    else lines.push(`Goroutine ${a.thread.name} created at:`, `  ${c.cyan('(location unknown)')}`);
  }
  return lines;
}
