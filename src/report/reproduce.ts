/**
 * The commands that reproduce a finding, ready to paste into a POSIX shell.
 * Invariant: `simcc run FILE --seed N` and `simcc replay FILE --schedule 'S'` rerun exactly the reported
 * execution, so every flag that changes an execution (--step-limit, --time, when given; the strategy's own,
 * e.g. PCT's depth and step bound) is repeated. When the schedule was shrunk, `--seed N` reruns the execution
 * as first found (and shrinks it again), `--schedule` the shrunk one.
 * A schedule longer than LONG_SCHEDULE characters (a long execution's) is not pasted into a terminal: its
 * line is a shell comment that says where the schedule is (`--json`), so the report stays readable.
 */
import type { Finding } from '../findings.js';

export interface ReproduceContext {
  /** The scenario file as the user gave it. */
  file: string;
  /** --step-limit, when the user gave it. */
  stepLimit?: number;
  /** --time, when the user gave it. */
  time?: string;
  /** --mutex VARIANT, when the run used one. */
  mutex?: string;
}

/** Quotes a word for a POSIX shell, only when it needs quoting (schedules are always quoted). */
export function shellQuote(word: string, always = false): string {
  if (!always && /^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The flags that, with its seed, name the execution of a finding: those of the strategy that found it. */
function strategyFlags(f: Finding): string {
  return f.pct ? ` --strategy pct --depth ${f.pct.depth} --pct-steps ${f.pct.steps}` : '';
}

/** Schedules longer than this are not printed in a command (see the header). */
export const LONG_SCHEDULE = 2_000;

/** The distinct commands for these findings, `run --seed` before `replay`, in the order found. */
export function reproduceCommands(findings: Finding[], ctx: ReproduceContext): string[] {
  const extra =
    (ctx.stepLimit !== undefined ? ` --step-limit ${ctx.stepLimit}` : '') +
    (ctx.time !== undefined ? ` --time ${ctx.time}` : '') +
    (ctx.mutex !== undefined ? ` --mutex ${ctx.mutex}` : '');
  const file = shellQuote(ctx.file);
  const commands = new Set<string>();
  for (const f of findings) if (f.seed !== undefined) commands.add(`simcc run ${file} --seed ${f.seed}${strategyFlags(f)}${extra}`);
  findings.forEach((f, i) => {
    if (!f.schedule) return;
    if (f.schedule.length <= LONG_SCHEDULE) commands.add(`simcc replay ${file} --schedule ${shellQuote(f.schedule, true)}${extra}`);
    else {
      const size = f.schedule.length.toLocaleString('en-US');
      commands.add(`# simcc replay ${file} --schedule S${extra}   (S: the ${size}-character schedule of findings[${i}] in --json)`);
    }
  });
  return [...commands];
}
