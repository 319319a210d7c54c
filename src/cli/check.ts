/**
 * `simcc check DIR…`: every scenario below the DIRs, judged against its declared `expect`
 * (harness/check.ts runs them, report/check.ts judges and words them), for CI.
 *
 * Output: with the human reporter (the default) and `github`, one line per scenario on stdout in
 * sorted file order as soon as it and all before it are done, then the summary line; `github` adds
 * the annotations after. `json` and `junit` print their document at the end. With `--output FILE`,
 * the reporter's document goes to FILE and stdout gets the human lines.
 * Exit status: 0 all passed, 1 a failure (an incomplete exploration too under --fail-on-incomplete),
 * 2 a scenario could not be run (or a usage error).
 */
import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError } from 'commander';
import { checkFiles } from '../harness/check.js';
import { checkDocumentExitCode, checkLines, checkSummaryLine, renderCheck, type CheckDocument } from '../report/check.js';
import { renderGithub } from '../report/github.js';
import { serialize } from '../report/json.js';
import { renderJunit } from '../report/junit.js';
import type { ChalkInstance } from 'chalk';
import { modelBounds, UsageError, type CommonFlags } from './options.js';
import { makeChalk } from './style.js';

export const REPORTERS = ['human', 'json', 'junit', 'github'] as const;
export type ReporterName = (typeof REPORTERS)[number];

export function parseReporter(value: string): ReporterName {
  if (!(REPORTERS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of: ${REPORTERS.join(', ')}`);
  return value as ReporterName;
}

export interface CheckFlags extends CommonFlags {
  runs?: number;
  explore?: boolean;
  maxTime?: number;
  maxExecutions?: number;
  workers?: number;
  shard?: { index: number; count: number };
  /** false with --no-typecheck. */
  typecheck: boolean;
  failOnIncomplete?: boolean;
  /** false with --no-probes (check --explore only). */
  probes: boolean;
  reporter?: ReporterName;
  output?: string;
}

/** The reporter the flags ask for: --json is `--reporter json`. */
export function reporterOf(flags: { json?: boolean; reporter?: ReporterName }): ReporterName {
  if (flags.json && flags.reporter !== undefined && flags.reporter !== 'json') throw new UsageError(`--json and --reporter ${flags.reporter} ask for two reports: give one`);
  return flags.json ? 'json' : (flags.reporter ?? 'human');
}

/** Checks that FILE can be written, before any scenario runs (a typo must not cost a whole CI run). */
export async function claimOutput(file: string | undefined): Promise<void> {
  if (file === undefined) return;
  try {
    await writeFile(file, '');
  } catch (err) {
    throw new UsageError(`cannot write --output ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

export async function checkCommand(roots: string[], flags: CheckFlags): Promise<number> {
  const reporter = reporterOf(flags);
  if (!flags.explore) {
    for (const [flag, given] of [['--max-time', flags.maxTime], ['--max-executions', flags.maxExecutions], ['--fail-on-incomplete', flags.failOnIncomplete], ['--no-probes', flags.probes === false ? true : undefined]] as const) {
      if (given !== undefined) throw new UsageError(`${flag} applies only to check --explore`);
    }
  } else if (flags.runs !== undefined) throw new UsageError('--runs applies to seeded runs, not to check --explore');
  await claimOutput(flags.output);
  const c = makeChalk(flags.color);
  const streams = flags.output !== undefined || reporter === 'human' || reporter === 'github';
  const doc = await checkFiles(roots, {
    ...(flags.explore && { explore: true }),
    ...(flags.runs !== undefined && { runs: flags.runs }),
    ...(flags.stepLimit !== undefined && { stepLimit: flags.stepLimit }),
    ...(flags.time !== undefined && { time: flags.time }),
    ...modelBounds(flags),
    ...(flags.syncTimeout !== undefined && { syncTimeoutMs: flags.syncTimeout }),
    ...(flags.maxTime !== undefined && { maxTimeS: flags.maxTime }),
    ...(flags.maxExecutions !== undefined && { maxExecutions: flags.maxExecutions }),
    ...(flags.workers !== undefined && { workers: flags.workers }),
    ...(flags.shard && { shard: flags.shard }),
    typecheck: flags.typecheck,
    ...(flags.failOnIncomplete && { failOnIncomplete: true }),
    ...(flags.probes === false && { probes: false }),
    ...(streams && { onResult: (r) => process.stdout.write(`${checkLines(r, c, flags.failOnIncomplete).join('\n')}\n`) }),
  });
  await emit(doc, reporter, flags.output, c);
  return checkDocumentExitCode(doc);
}

/** Prints (or writes to --output) a finished document; the human lines were streamed already when they apply. */
export async function emit(doc: CheckDocument, reporter: ReporterName, output: string | undefined, c: ChalkInstance, streamed = true): Promise<void> {
  const human = () => (streamed ? '' : doc.results.map((r) => `${checkLines(r, c, doc.failOnIncomplete).join('\n')}\n`).join('')) + `${checkSummaryLine(doc, c)}\n`;
  const rendered = render(doc, reporter);
  if (output !== undefined) {
    process.stdout.write(human());
    try {
      await writeFile(output, reporter === 'human' ? renderCheck(doc, makeChalk(false)) : rendered);
    } catch (err) {
      throw new UsageError(`cannot write --output ${output}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    return;
  }
  if (reporter === 'human') process.stdout.write(human());
  else if (reporter === 'github') process.stdout.write(human() + rendered);
  else process.stdout.write(rendered);
}

function render(doc: CheckDocument, reporter: ReporterName): string {
  if (reporter === 'json') return serialize(doc);
  if (reporter === 'junit') return renderJunit(doc);
  if (reporter === 'github') return renderGithub(doc);
  return '';
}
