/**
 * SIGINT / SIGTERM while a command runs: stop, say what was covered (executions run, findings made so far)
 * and exit 128 + the signal's number (130, 143), as a shell would. Under --json that is still one JSON
 * document on stdout, with verdict "error" (the run did not finish, so it proves nothing).
 *
 * The running command registers what it runs (`interruptible`) and feeds it the counts its supervisor
 * reports; main.ts installs the signal handlers and prints `interruptReport`. Exiting runs the 'exit'
 * handlers that remove temporary files; worker threads end with the process.
 */
import type { Finding } from '../findings.js';
import { serialize } from '../report/json.js';

export const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

interface Running {
  command: 'run' | 'replay' | 'explore';
  file: string;
  json: boolean;
  strategy: string;
  executions: number;
  findings: number;
  /** The findings made so far, as found (not yet located or shrunk): printed if interrupted. */
  found: Finding[];
}

let running: Running | null = null;

export interface Interruptible {
  update(counts: { executions: number; findings: number }): void;
  /** A finding was made (as found): an interrupt prints it. */
  found(findings: readonly Finding[]): void;
  done(): void;
}

export function interruptible(command: Running['command'], file: string, json: boolean, strategy: string): Interruptible {
  const r: Running = { command, file, json, strategy, executions: 0, findings: 0, found: [] };
  running = r;
  return {
    update(counts) {
      r.executions = counts.executions;
      r.findings = counts.findings;
    },
    found(findings) {
      r.found.push(...findings);
      r.findings = Math.max(r.findings, r.found.length);
    },
    done() {
      if (running === r) running = null;
    },
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What to print for `signal`: a JSON document for stdout (--json) and one line for stderr. */
export function interruptReport(signal: 'SIGINT' | 'SIGTERM', json = process.argv.includes('--json')): { stdout?: string; stderr: string } {
  const r = running;
  const shown = r ? r.found : [];
  const found =
    r && r.findings > 0
      ? shown.length > 0
        ? `${plural(r.findings, 'finding')} so far (below, with the schedule as found)`
        : `${plural(r.findings, 'finding')} made but not yet reported (rerun without interrupting to see it)`
      : 'no finding so far';
  const message = r
    ? `interrupted by ${signal} after ${plural(r.executions, 'execution')} of simcc ${r.command} ${r.file}: ${found}; incomplete`
    : `interrupted by ${signal}`;
  if (!(r?.json ?? json)) {
    const lines = shown.map((f) => `${f.kind}: ${f.message}${f.locations[0] ? ` (${f.locations[0]})` : ''}\n  schedule as found: ${f.schedule}${f.seed !== undefined ? `, seed ${f.seed}` : ''}`);
    return { stderr: [message, ...lines].join('\n') + '\n' };
  }
  const doc = {
    ...(r && { file: r.file }),
    verdict: 'error',
    ...(r && { strategy: r.strategy }),
    executions: r?.executions ?? 0,
    complete: false,
    findings: shown,
    // `check --json` prints { results: [...] }: an interrupted check has none to give.
    ...(process.argv[2] === 'check' && { results: [] }),
    error: { message },
    interrupted: { signal, findings: r?.findings ?? 0 },
  };
  return { stdout: serialize(doc), stderr: `${message}\n` };
}
