/**
 * The scenario files `simcc check DIR…` runs: every `*.ts` below each DIR, recursively, sorted by path,
 * skipping `*.d.ts`, `node_modules`, and files or folders whose name starts with `_` (helpers) or `.`.
 * A FILE given directly is taken as is. Paths keep the form the user gave (`DIR/sub/x.ts`).
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './options.js';

const skipped = (name: string) => name.startsWith('_') || name.startsWith('.') || name === 'node_modules';
const isScenarioFile = (name: string) => name.endsWith('.ts') && !name.endsWith('.d.ts');

export async function discoverScenarios(roots: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const root of roots) {
    const info = await stat(root).catch(() => undefined);
    if (info === undefined) throw new UsageError(`no such file or directory: ${root}`);
    if (info.isFile()) found.add(root);
    else await walk(root, found);
  }
  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function walk(dir: string, found: Set<string>): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (skipped(entry.name)) continue;
    const full = path.join(dir, entry.name);
    // Follow symbolic links: what they point to decides.
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (await stat(full).catch(() => undefined))?.isDirectory());
    if (isDir) await walk(full, found);
    else if (isScenarioFile(entry.name)) found.add(full);
  }
}
