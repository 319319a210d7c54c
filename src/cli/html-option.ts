/**
 * `--html FILE` of run, replay and explore: checked before the run (a folder that does not exist is a usage
 * error, before any time is spent), written after it from the first finding that has a timeline.
 * A run without a finding writes no page and says so on stderr; the exit status stays the run's.
 */
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding, TraceEvent } from '../findings.js';
import { renderHtml } from '../report/html.js';
import { reproduceCommands, type ReproduceContext } from '../report/reproduce.js';
import { UsageError } from './options.js';
import { flavourNamed, type FlavourName } from '../runtime/flavour.js';

export function checkHtmlPath(file: string): void {
  const dir = path.dirname(path.resolve(file));
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError(`--html ${file}: ${isDir ? 'the folder is not writable' : `no such folder: ${path.dirname(file)}`}`);
  }
  if (isDir && existsAsDir(file)) throw new UsageError(`--html ${file}: is a folder (give the page's file name)`);
}

function existsAsDir(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

export interface HtmlSource {
  scenario: string;
  /** The scenario's flavour (absent: Go), for the page's word for a thread. */
  flavour?: FlavourName | undefined;
  findings: Finding[];
  /** The timeline of each finding (explore), or of the one execution (run/replay). */
  traces: (TraceEvent[] | undefined)[];
}

/** Writes the page; returns a line for stderr (what was written, or why not). */
export function emitHtml(out: string, source: HtmlSource, ctx: ReproduceContext): string {
  const i = source.findings.findIndex((_, k) => (source.traces[k]?.length ?? 0) > 0);
  if (i < 0) return source.findings.length === 0 ? `--html: no finding, so no page was written to ${out}` : `--html: the finding has no timeline, so no page was written to ${out}`;
  const finding = source.findings[i]!;
  const html = renderHtml({
    file: ctx.file,
    scenario: source.scenario,
    finding,
    trace: source.traces[i]!,
    reproduce: reproduceCommands([finding], ctx),
    thread: flavourNamed(source.flavour).thread,
  });
  try {
    writeFileSync(out, html);
  } catch (err) {
    return `error: --html ${out}: cannot write (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  return `wrote the trace of ${finding.kind} to ${out}`;
}
