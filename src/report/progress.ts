/**
 * The progress line of `run` and `explore` on a terminal: executions, executions per second, findings and
 * elapsed time, redrawn in place on stderr by a timer 10 times a second, then replaced by a one-line summary.
 *
 *   simcc run counter.ts  12,400 executions  3,100/s  0 findings  4.0s
 *   simcc run counter.ts: 20,000 executions in 6.4s (3,125/s), 1 finding
 *
 * Invariants: it writes nothing at all under --json, when stderr is not a TTY, or in CI (CI set); stdout is
 * never touched, so reports and JSON documents stay byte-for-byte what they are without it; its timer never
 * keeps the process alive. Usage: `const p = progressReporter({ json }); p.start(label);` then
 * `p.update({ executions, findings })` as often as convenient, and `p.stop()` at the end.
 */

export interface ProgressCounts {
  executions: number;
  findings: number;
}

export interface Progress {
  /** Start the clock and show the line, labelled (e.g. "simcc run counter.ts"). */
  start(label: string): void;
  /** New counts (cheap: the line is redrawn by a timer, every 100 ms). */
  update(counts: ProgressCounts): void;
  /** Clear the line and print the summary (with these final counts, when given). */
  stop(final?: ProgressCounts): void;
}

/** Where the line goes: process.stderr, or a stand-in in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** --json: no progress at all. */
  json?: boolean;
  stream?: ProgressStream;
  env?: Record<string, string | undefined>;
  /** A clock in milliseconds (tests pass their own). */
  now?: () => number;
  /** The period of the redraw timer. */
  intervalMs?: number;
}

export const PROGRESS_INTERVAL_MS = 100;

/** A CI environment, by the variable nearly every CI service sets. */
export function inCI(env: Record<string, string | undefined>): boolean {
  const ci = env['CI'];
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

export function progressEnabled(options: ProgressOptions = {}): boolean {
  const stream = options.stream ?? process.stderr;
  return !options.json && stream.isTTY === true && !inCI(options.env ?? process.env);
}

/** The reporter for these options: a terminal line, or one that does nothing. */
export function progressReporter(options: ProgressOptions = {}): Progress {
  return progressEnabled(options) ? new TerminalProgress(options) : SILENT;
}

const SILENT: Progress = { start() {}, update() {}, stop() {} };

const plural = (n: number, word: string) => `${grouped(n)} ${word}${n === 1 ? '' : 's'}`;

/** 12345 → "12,345" (fixed, whatever the locale). */
export function grouped(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Milliseconds as "0.4s", "12.0s", "3m05s". */
export function elapsedText(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.floor(s - m * 60)).padStart(2, '0')}s`;
}

export function rateText(executions: number, ms: number): string {
  if (ms <= 0) return '-';
  const r = (executions * 1000) / ms;
  return r < 10 ? r.toFixed(1) : grouped(r);
}

class TerminalProgress implements Progress {
  private readonly stream: ProgressStream;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private label = '';
  private counts: ProgressCounts = { executions: 0, findings: 0 };
  private started = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(options: ProgressOptions) {
    this.stream = options.stream ?? process.stderr;
    this.now = options.now ?? (() => performance.now());
    this.intervalMs = options.intervalMs ?? PROGRESS_INTERVAL_MS;
  }

  start(label: string): void {
    this.label = label;
    this.started = this.now();
    this.draw();
    this.timer = setInterval(() => this.draw(), this.intervalMs);
    this.timer.unref();
  }

  update(counts: ProgressCounts): void {
    this.counts = { executions: counts.executions, findings: counts.findings };
  }

  stop(final?: ProgressCounts): void {
    if (this.timer === null) return;
    clearInterval(this.timer);
    this.timer = null;
    if (final) this.counts = { executions: final.executions, findings: final.findings };
    const ms = this.now() - this.started;
    const { executions, findings } = this.counts;
    this.stream.write(`\r\x1b[K${this.label}: ${plural(executions, 'execution')} in ${elapsedText(ms)} (${rateText(executions, ms)}/s), ${plural(findings, 'finding')}\n`);
  }

  private draw(): void {
    const ms = this.now() - this.started;
    const { executions, findings } = this.counts;
    const counts = `  ${plural(executions, 'execution')}  ${rateText(executions, ms)}/s  ${plural(findings, 'finding')}  ${elapsedText(ms)}`;
    // Within the terminal's width (a wrapped line could not be redrawn in place): the label gives way first.
    const width = (this.stream.columns ?? 80) - 1;
    const room = width - counts.length;
    const label = this.label.length <= room ? this.label : room >= 8 ? `…${this.label.slice(this.label.length - room + 1)}` : '';
    const line = `${label}${counts}`.slice(0, Math.max(0, width));
    this.stream.write(`\r${line}\x1b[K`);
  }
}
