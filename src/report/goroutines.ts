/**
 * The goroutines involved in a finding: for each, its state, what it waits on and where, the locks it holds
 * and where it took them, and where it was started, e.g.
 *
 *   goroutine worker-0 [blocked]: lock of Mutex 'b' at transfer.ts:14:5
 *       holds Mutex 'a' (taken at transfer.ts:13:5)
 *       started at transfer.ts:20:3
 */
import type { ChalkInstance } from 'chalk';
import type { ThreadInfo } from '../findings.js';

/**
 * At most this many goroutines are listed; the rest are counted by state in one line (a step limit with
 * 3,000 goroutines still alive listed them in 6,000 lines). `--json` has every one.
 */
export const GOROUTINES_SHOWN = 20;

/** `word`: the flavour's word for a thread ('goroutine', 'thread'). */
export function goroutineLines(threads: ThreadInfo[], c: ChalkInstance, word = 'goroutine'): string[] {
  const lines: string[] = [];
  for (const t of threads.slice(0, GOROUTINES_SHOWN)) {
    const waiting = t.waitingOn ? `: ${t.waitingOn}${t.at ? ` at ${c.cyan(t.at)}` : ''}` : t.at ? ` at ${c.cyan(t.at)}` : '';
    lines.push(`${word} ${c.bold(t.name)} [${t.state}]${waiting}`);
    for (const h of t.holds ?? []) lines.push(`    holds ${h.what}${h.at ? ` (taken at ${c.cyan(h.at)})` : ''}`);
    if (t.startedAt) lines.push(`    started at ${c.cyan(t.startedAt)}`);
  }
  const rest = threads.slice(GOROUTINES_SHOWN);
  if (rest.length > 0) {
    const byState = new Map<string, number>();
    for (const t of rest) byState.set(t.state, (byState.get(t.state) ?? 0) + 1);
    const counts = [...byState].map(([state, n]) => `${n.toLocaleString('en-US')} ${state}`).join(', ');
    lines.push(`… ${rest.length.toLocaleString('en-US')} more ${word}s (${counts}): --json lists them all`);
  }
  return lines;
}
