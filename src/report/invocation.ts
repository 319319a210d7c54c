/**
 * How the user started simcc, so that the commands a report prints (reproduce lines) run as printed.
 *
 * - `npx simcc …` (npm sets npm_command=exec) or an npm script (npm_lifecycle_event; `simcc` comes from the
 *   project's node_modules/.bin, which `npx` finds too) → `npx simcc`
 * - `node bin/simcc.js …` (a clone; the README's quick start) → `node bin/simcc.js`, with the script's path
 *   relative to the working folder when it is below it, absolute otherwise
 * - `simcc …` found on PATH (a global install), or anything else → `simcc`
 */
import path from 'node:path';
import { shellQuote } from './shell.js';

export function simccCommand(
  argv: readonly string[] = process.argv,
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): string {
  const script = argv[1] ?? '';
  if (env['npm_command'] === 'exec' || env['npm_lifecycle_event'] !== undefined) return 'npx simcc';
  const parts = script.split(/[\\/]/);
  if (parts.includes('node_modules')) return 'npx simcc';
  if (parts.length >= 2 && parts[parts.length - 1] === 'simcc.js' && parts[parts.length - 2] === 'bin') {
    const rel = path.relative(cwd, script);
    const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : script;
    return `node ${shellQuote(shown)}`;
  }
  return 'simcc';
}
