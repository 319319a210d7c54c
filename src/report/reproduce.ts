/**
 * The commands that reproduce a finding, ready to paste into a POSIX shell.
 * Invariant: `simcc run FILE --seed N` and `simcc replay FILE --schedule 'S'` rerun exactly the reported
 * execution, so every flag that changes an execution (--step-limit, --time, when given) is repeated.
 */
import type { Finding } from '../findings.js';

export interface ReproduceContext {
  /** The scenario file as the user gave it. */
  file: string;
  /** --step-limit, when the user gave it. */
  stepLimit?: number;
  /** --time, when the user gave it. */
  time?: string;
}

/** Quotes a word for a POSIX shell, only when it needs quoting (schedules are always quoted). */
export function shellQuote(word: string, always = false): string {
  if (!always && /^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The distinct commands for these findings, `run --seed` before `replay`, in the order found. */
export function reproduceCommands(findings: Finding[], ctx: ReproduceContext): string[] {
  const extra =
    (ctx.stepLimit !== undefined ? ` --step-limit ${ctx.stepLimit}` : '') + (ctx.time !== undefined ? ` --time ${ctx.time}` : '');
  const file = shellQuote(ctx.file);
  const commands = new Set<string>();
  for (const f of findings) if (f.seed !== undefined) commands.add(`simcc run ${file} --seed ${f.seed}${extra}`);
  for (const f of findings) if (f.schedule) commands.add(`simcc replay ${file} --schedule ${shellQuote(f.schedule, true)}${extra}`);
  return [...commands];
}
