/**
 * The printed form of a schedule: every answer an execution got from its strategy, in order.
 * A thread choice is recorded as the chosen goroutine's id, any other choice as the option's index,
 * and firing the earliest timer instead of running a goroutine as "T" (held as FIRE_TIMER).
 * Runs of the same answer are compressed: "0.1x3.2" is 0, 1, 1, 1, 2. The empty schedule is "-".
 */

/** The answer "fire the earliest pending timer" to a thread choice. */
export const FIRE_TIMER = -1;

const token = (n: number): string => (n === FIRE_TIMER ? 'T' : String(n));

export function encodeSchedule(choices: readonly number[]): string {
  const runs: number[] = [];
  for (const c of choices) {
    const n = runs.length;
    if (n > 0 && runs[n - 2] === c) runs[n - 1]!++;
    else runs.push(c, 1);
  }
  return encodeRuns(runs);
}

/** The same text from answers already run-length encoded as value, count, value, count, … */
export function encodeRuns(runs: readonly number[]): string {
  if (runs.length === 0) return '-';
  const parts: string[] = [];
  for (let i = 0; i < runs.length; i += 2) {
    const v = token(runs[i]!);
    parts.push(runs[i + 1]! > 1 ? `${v}x${runs[i + 1]}` : v);
  }
  return parts.join('.');
}

/** Parse a printed schedule; throws an Error with a one-line message when it is malformed. */
export function decodeSchedule(text: string): number[] {
  const s = text.trim();
  if (s === '-' || s === '') return [];
  const out: number[] = [];
  for (const part of s.split('.')) {
    const m = /^(\d+|T)(?:x(\d+))?$/.exec(part);
    if (!m) throw new Error(`malformed schedule near '${part}': expected numbers like 0.1x3.2`);
    const value = m[1] === 'T' ? FIRE_TIMER : Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    if (count < 1 || count > 100_000_000) throw new Error(`malformed schedule near '${part}': bad repeat count`);
    for (let k = 0; k < count; k++) out.push(value);
  }
  return out;
}
