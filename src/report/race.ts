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
import { capitalised } from '../runtime/flavour.js';

/** What the race is on, as the runtime named it: "'count'", "channel 'ch'". */
function variableOf(finding: Finding): string | undefined {
  return finding.object ?? /'([^']+)'/.exec(finding.message)?.[0];
}

/** `word`: the flavour's word for a thread ('goroutine', 'thread'). */
export function raceBlock(finding: Finding, c: ChalkInstance, word = 'goroutine'): string[] {
  const Word = capitalised(word);
  const accesses = finding.accesses ?? [];
  if (accesses.length === 0) return [];
  const variable = variableOf(finding);
  const lines = [c.red.bold('WARNING: DATA RACE')];
  accesses.forEach((a: Access, i: number) => {
    const op = a.op === 'write' ? 'Write' : 'Read';
    const head = i === 0 ? op : `Previous ${op.toLowerCase()}`;
    const at = variable !== undefined ? ` at ${variable}` : '';
    if (i > 0) lines.push('');
    lines.push(`${head}${at} by ${word} ${a.thread.name}:`, `  ${c.cyan(a.at ?? '(location unknown)')}`);
  });
  const seen = new Set<number>();
  for (const a of accesses) {
    if (seen.has(a.thread.id)) continue;
    seen.add(a.thread.id);
    const t = finding.threads.find((th) => th.id === a.thread.id);
    lines.push('');
    if (t?.startedAt) lines.push(`${Word} ${a.thread.name} created at:`, `  ${c.cyan(t.startedAt)}`);
    else if (a.thread.id === 0) lines.push(`${Word} ${a.thread.name} is the main ${word}.`);
    else lines.push(`${Word} ${a.thread.name} created at:`, `  ${c.cyan('(location unknown)')}`);
  }
  return lines;
}
