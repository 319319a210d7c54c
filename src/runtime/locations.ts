/**
 * Source locations of scenario code, taken from the JavaScript stack, and paths and thrown values as
 * the user sees them (one module for the runtime, the harness and the reports).
 *
 * Rule: a path below the working folder is shown relative to it, any other path absolute; a frame is
 * the scenario's when it is not in simcc's own src/ or dist/, not Node's and not in node_modules.
 *
 * Capturing a stack costs about a microsecond, far more than a simulated step, so executions run
 * without locations and the one execution that is reported is replayed with them (the replay is
 * exact, see runtime/execution.ts). The first frame outside simcc's own files is the scenario's.
 * Scenario files are bundled with inline source maps and Node maps the frames back to the .ts file.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * simcc's own folders: frames there are not the scenario's. Both src/ and dist/, because Node maps
 * dist/ frames back to src/ through dist's source maps when source maps are enabled.
 */
const PACKAGE_ROOT = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
const OWN_ROOTS = [path.join(PACKAGE_ROOT, 'src') + path.sep, path.join(PACKAGE_ROOT, 'dist') + path.sep];

/**
 * A V8 stack line's position: `at fn (PATH:L:C)` or `at PATH:L:C`, where PATH is absolute (`/…`, `C:\…`) or a
 * file: URL and may contain spaces and parentheses (a folder named "My Projects (old)"); the first "(" that
 * opens such a path starts it.
 */
const FRAME_IN_PARENS = /\((\/.*|file:\/\/.*|[A-Za-z]:\\.*|node:.*):(\d+):(\d+)\)\s*$/;
const FRAME_BARE = /^\s*at (?:async )?(\/.*|file:\/\/.*|[A-Za-z]:\\.*|node:.*):(\d+):(\d+)\s*$/;

/** The file, line and column of one stack line, if it has them. */
export function parseFrame(line: string): { file: string; line: string; col: string } | undefined {
  const m = FRAME_IN_PARENS.exec(line) ?? FRAME_BARE.exec(line);
  return m ? { file: m[1]!, line: m[2]!, col: m[3]! } : undefined;
}

/** Turn one stack frame line into `file:line:col`, or undefined when it is not a scenario frame. */
export function frameLocation(line: string): string | undefined {
  const frame = parseFrame(line);
  if (!frame) return undefined;
  let file = frame.file;
  if (file.startsWith('node:') || file.startsWith('internal/')) return undefined;
  if (file.startsWith('file://')) file = fileURLToPath(file);
  if (!path.isAbsolute(file)) return undefined;
  if (OWN_ROOTS.some((root) => file.startsWith(root)) || file.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
  return `${displayPath(file)}:${frame.line}:${frame.col}`;
}

/** A path as the user would write it: relative to the working folder when below it. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** The first scenario frame of an error's stack. */
export function errorLocation(err: unknown): string | undefined {
  const stack = err instanceof Error ? err.stack : undefined;
  if (!stack) return undefined;
  for (const line of stack.split('\n').slice(1)) {
    const loc = frameLocation(line);
    if (loc) return loc;
  }
  return undefined;
}

/** Where the scenario called into simcc, right now. */
export function callerLocation(): string | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const err = new Error();
  Error.stackTraceLimit = limit;
  return errorLocation(err);
}

/** The first scenario frame of a stack (as text: a worker's error), i.e. where the scenario threw or called what threw. */
export function stackLocation(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  for (const line of stack.split('\n')) {
    if (!/^\s+at /.test(line)) continue;
    const loc = frameLocation(line);
    if (loc) return loc;
  }
  return undefined;
}

/** An exception as one line: `TypeError: x is not a function`, or just the message for a plain Error. */
export function describeThrown(err: unknown): string {
  if (err instanceof Error || (typeof err === 'object' && err !== null && 'message' in err)) {
    const e = err as { name?: unknown; message?: unknown };
    const name = typeof e.name === 'string' && e.name !== 'Error' ? `${e.name}: ` : '';
    return oneLine(`${name}${String(e.message)}`);
  }
  return oneLine(`uncaught ${typeof err === 'string' ? JSON.stringify(err) : String(err)}`);
}

export function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
