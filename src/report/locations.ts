/**
 * Paths and `file:line:col` locations as the user sees them.
 *
 * Rule (the same as the runtime's): a path below the working folder is shown relative to it, any other path
 * absolute. Stack frames are already mapped to the scenario's .ts source by Node's source-map support.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFrame } from '../runtime/locations.js';

/**
 * simcc's own files (this file is dist/report/locations.js, or src/report/locations.ts under vitest): never the
 * scenario's frames. Both dist/ and src/ count, since with source maps on, dist frames may be mapped to src.
 */
const OWN_DIRS = ['dist', 'src'].map((d) => path.join(path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url)))), d) + path.sep);

export function displayPath(absolute: string): string {
  const rel = path.relative(process.cwd(), absolute);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : absolute;
}

/** `file:line:col` of one stack line when it is a frame of user code (not simcc, node or node_modules). */
function userFrame(line: string): string | undefined {
  const frame = parseFrame(line);
  if (!frame) return undefined;
  let file = frame.file;
  if (file.startsWith('node:')) return undefined;
  if (file.startsWith('file://')) file = fileURLToPath(file);
  if (!path.isAbsolute(file)) return undefined;
  if (OWN_DIRS.some((d) => file.startsWith(d)) || file.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
  return `${displayPath(file)}:${frame.line}:${frame.col}`;
}

/** The first frame of user code in a stack, i.e. where the scenario threw or called what threw. */
export function stackLocation(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  for (const line of stack.split('\n')) {
    if (!/^\s+at /.test(line)) continue;
    const loc = userFrame(line);
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
