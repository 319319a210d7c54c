/**
 * The human report of `simcc run` / `simcc replay` (stdout), and the one-line scenario error (stderr).
 *
 * For findings: a summary line, then per finding its headline (`kind: message`), the Go-like race block for
 * a data race, its details and the goroutines involved; then the timeline of the failing execution and the
 * commands that reproduce it. A clean run is one line. Colour comes only from the ChalkInstance passed in.
 */
import type { ChalkInstance } from 'chalk';
import type { Finding, ScenarioErrorInfo, ScheduleSize, ShrinkSummary } from '../findings.js';
import type { RunReport } from '../harness/types.js';
import { flavourNamed } from '../runtime/flavour.js';
import { goroutineLines } from './goroutines.js';
import { raceBlock } from './race.js';
import { reproduceCommands, type ReproduceContext } from './reproduce.js';
import { timelineLines, traceSteps } from './timeline.js';

export interface HumanContext extends ReproduceContext {
  /** The first seed of a random run, for the "seeds A..B" of a clean summary. */
  firstSeed: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `error: FILE:LINE: message` (the location is left out when the message already names it). */
export function errorLine(file: string, error: ScenarioErrorInfo): string {
  const where = error.location ?? file;
  return error.message.includes(where) ? `error: ${error.message}` : `error: ${where}: ${error.message}`;
}

export function cleanSummary(report: RunReport, firstSeed: number): string {
  const n = report.executions;
  const how =
    report.strategy === 'replay'
      ? 'replay of the given schedule'
      : n === 1
        ? `${report.strategy}, seed ${firstSeed}`
        : `${report.strategy}, seeds ${firstSeed}..${firstSeed + n - 1}`;
  return `no findings in ${plural(n, 'execution')} (${how})${report.complete ? ', every behaviour covered' : ''}`;
}

export function renderRun(report: RunReport, ctx: HumanContext, c: ChalkInstance): string {
  if (report.findings.length === 0) return `${cleanSummary(report, ctx.firstSeed)}\n`;
  const lines: string[] = [];
  const seed = report.findings.find((f) => f.seed !== undefined)?.seed;
  const when = report.strategy === 'replay' ? 'replaying the given schedule' : `in execution ${report.executions}${seed !== undefined ? ` (seed ${seed})` : ''}`;
  lines.push(`scenario '${report.scenario}': ${plural(report.findings.length, 'finding')} ${when}`, '');

  // The flavour's word for a thread: 'goroutine' for Go (absent flavour), 'thread' for Rust.
  const word = flavourNamed(report.flavour).thread;
  for (const f of report.findings) lines.push(...findingLines(f, c, word), '');

  if (report.trace && report.trace.length > 0) {
    lines.push(c.bold(`timeline (${plural(traceSteps(report.trace), 'step')}):`));
    lines.push(...indent(timelineLines(report.trace, c, word)), '');
  }
  const shrunk = report.findings.find((f) => f.shrunk)?.shrunk;
  if (shrunk) lines.push(c.dim(`${shrinkLine(shrunk)}${seed !== undefined ? '; --seed reruns the execution as found, --schedule the shrunk one' : ''}`), '');
  const commands = reproduceCommands(report.findings, ctx);
  if (commands.length > 0) lines.push(c.bold('reproduce:'), ...indent(commands.map((cmd) => c.green(cmd))));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** "schedule shrunk from 57 steps, 9 preemptions to 12 steps, 1 preemption (84 replays)". */
export function shrinkLine(s: ShrinkSummary): string {
  const size = (x: ScheduleSize) => `${plural(x.steps, 'step')}, ${plural(x.preemptions, 'preemption')}`;
  return `schedule shrunk from ${size(s.from)} to ${size(s.to)} (${plural(s.replays, 'replay')})`;
}

function findingLines(f: Finding, c: ChalkInstance, word: string): string[] {
  const lines = [`${c.red.bold(f.kind)}: ${c.bold(f.message)}`];
  const race = f.kind === 'data-race' ? raceBlock(f, c, word) : [];
  if (race.length > 0) lines.push(...indent(['', ...race]));
  else if (f.locations.length > 0) lines.push(...indent(f.locations.map((l) => `at ${c.cyan(l)}`)));
  if (f.details && f.details.length > 0) lines.push(...indent(['', ...f.details]));
  if (f.threads.length > 0) lines.push(...indent(['', ...goroutineLines(f.threads, c, word)]));
  return lines;
}

function indent(lines: string[]): string[] {
  return lines.map((l) => (l === '' ? '' : `  ${l}`));
}
