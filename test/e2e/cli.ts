/**
 * Runs the built CLI (`node bin/simcc.js …`, built by `npm run build`, which `pretest` runs) as a child
 * process from the repository root, the way a user runs it. No colours: stdout is not a TTY.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/simcc.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a user who typed `node bin/simcc.js …` in a shell: without the variables npm sets when the
 * tests themselves run under `npm test` / `npx vitest` (reproduce lines follow them, report/invocation.ts).
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['npm_command'];
  delete env['npm_lifecycle_event'];
  return { ...env, ...extra };
}

export function simcc(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = userEnv()): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The stderr of a failed command: exactly one line, returned without its newline. */
export function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l !== '');
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got ${lines.length}:\n${stderr}`);
  return lines[0]!;
}

/** A JSON document from stdout (the whole of stdout must be that one document). */
export function json(stdout: string): any {
  return JSON.parse(stdout);
}

export const E2E_TIMEOUT = 60_000;
