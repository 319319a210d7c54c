/**
 * The commands that reproduce a finding, ready to paste into a POSIX shell.
 * Invariant: `simcc run FILE --seed N` and `simcc replay FILE --schedule 'S'` rerun exactly the reported
 * execution, so every flag that changes an execution (--step-limit, --time, when given; the strategy's own,
 * e.g. PCT's depth and step bound) is repeated. When the schedule was shrunk, `--seed N` reruns the execution
 * as first found (and shrinks it again), `--schedule` the shrunk one.
 * The commands start as the user started simcc (invocation.ts), so they run as printed. A schedule longer
 * than a command line comfortably holds (MAX_INLINE_SCHEDULE) is written to a file named by its content
 * (schedule-file.ts) and the command says `--schedule-file F`.
 */
import type { FaultOptions } from '../runtime/injector.js';
import type { Finding } from '../findings.js';
import { simccCommand } from './invocation.js';
import { MAX_INLINE_SCHEDULE, writeScheduleFile } from './schedule-file.js';
import { shellQuote } from './shell.js';

export { shellQuote } from './shell.js';

export interface ReproduceContext {
  /** The scenario file as the user gave it. */
  file: string;
  /** --step-limit, when the user gave it. */
  stepLimit?: number;
  /** --time, when the user gave it. */
  time?: string;
  /** --mutex VARIANT, when the run used one. */
  mutex?: string;
  /** --atomic-history, --spurious-wakeups, when the user gave them (they change what an execution can do). */
  atomicHistory?: number;
  spuriousWakeups?: number;
  /** --faults and --max-faults, when the user gave them. */
  faults?: FaultOptions;
  /** How simcc is invoked (default: as this process was, see invocation.ts). */
  command?: string;
}

/** The flags that, with its seed, name the execution of a finding: those of the strategy that found it. */
function strategyFlags(f: Finding): string {
  return f.pct ? ` --strategy pct --depth ${f.pct.depth} --pct-steps ${f.pct.steps}` : '';
}

/** `--schedule 'S'`, or `--schedule-file F` for a long schedule (written to F). */
function scheduleArg(schedule: string): string {
  if (schedule.length <= MAX_INLINE_SCHEDULE) return `--schedule ${shellQuote(schedule, true)}`;
  return `--schedule-file ${shellQuote(writeScheduleFile(schedule))}`;
}

/** The distinct commands for these findings, `run --seed` before `replay`, in the order found. */
export function reproduceCommands(findings: Finding[], ctx: ReproduceContext): string[] {
  const extra =
    (ctx.stepLimit !== undefined ? ` --step-limit ${ctx.stepLimit}` : '') +
    (ctx.time !== undefined ? ` --time ${ctx.time}` : '') +
    (ctx.atomicHistory !== undefined ? ` --atomic-history ${ctx.atomicHistory}` : '') +
    (ctx.spuriousWakeups !== undefined ? ` --spurious-wakeups ${ctx.spuriousWakeups}` : '') +
    (ctx.faults !== undefined ? ` --faults ${ctx.faults.kinds.join(',')}${ctx.faults.max !== 1 ? ` --max-faults ${ctx.faults.max}` : ''}` : '') +
    (ctx.mutex !== undefined ? ` --mutex ${ctx.mutex}` : '');
  const simcc = ctx.command ?? simccCommand();
  const file = shellQuote(ctx.file);
  const commands = new Set<string>();
  // A nondeterministic scenario does not follow its own schedule: its seed, checked again, is what reproduces
  // the finding, and a replay of the schedule would stop at the step it no longer fits (a usage error).
  const check = (f: Finding) => (f.kind === 'nondeterminism' ? ' --verify-determinism' : '');
  for (const f of findings) if (f.seed !== undefined) commands.add(`${simcc} run ${file} --seed ${f.seed}${strategyFlags(f)}${check(f)}${extra}`);
  for (const f of findings) if (f.schedule && f.kind !== 'nondeterminism') commands.add(`${simcc} replay ${file} ${scheduleArg(f.schedule)}${extra}`);
  return [...commands];
}
