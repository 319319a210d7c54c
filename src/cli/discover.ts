/**
 * The scenario files `simcc check DIR…` runs: every `*.ts` below each DIR, recursively, sorted by path,
 * skipping `*.d.ts`, `node_modules`, and files or folders whose name starts with `_` or `.`.
 * A FILE given directly is taken as is. Paths keep the form the user gave (`DIR/sub/x.ts`).
 *
 * Helper modules are skipped, not failed: a file found in a folder that has no default export that may
 * be a scenario (a call such as `scenario(...)`, a function, or a name) and is imported (directly or
 * through other helpers) by a file that has one is a helper of those scenarios.
 * A file with no default export that nothing imports is still run, and reported as a scenario error.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type * as TS from 'typescript';
import { UsageError } from './options.js';

const skipped = (name: string) => name.startsWith('_') || name.startsWith('.') || name === 'node_modules';
const isScenarioFile = (name: string) => name.endsWith('.ts') && !name.endsWith('.d.ts');
const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface Discovered {
  /** The scenarios to run, sorted. */
  files: string[];
  /** Helper modules found in the folders and left out, sorted. */
  helpers: string[];
}

export async function discoverScenarios(roots: string[]): Promise<Discovered> {
  const given = new Set<string>();
  const walked = new Set<string>();
  for (const root of roots) {
    const info = await stat(root).catch(() => undefined);
    if (info === undefined) throw new UsageError(`no such file or directory: ${root}`);
    if (info.isFile()) given.add(root);
    else await walk(root, walked);
  }
  const helpers = walked.size > 0 ? await findHelpers([...new Set([...walked, ...given])], walked) : new Set<string>();
  for (const f of given) helpers.delete(f);
  const files = [...new Set([...given, ...walked])].filter((f) => !helpers.has(f)).sort(byPath);
  return { files, helpers: [...helpers].sort(byPath) };
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

interface Module {
  hasDefault: boolean;
  /** Absolute paths of the files its relative imports may name. */
  imports: string[];
}

/** The walked files without a default export that a file with one reaches through its imports. */
async function findHelpers(files: string[], walked: Set<string>): Promise<Set<string>> {
  const ts = ((await import('typescript')) as unknown as { default: typeof TS }).default;
  const modules = new Map<string, { file: string; module: Module }>();
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    modules.set(path.resolve(file), { file, module: parseModule(ts, file, text) });
  }
  const helpers = new Set<string>();
  const queue = [...modules.values()].filter((m) => m.module.hasDefault).flatMap((m) => m.module.imports);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const target = queue.pop()!;
    if (seen.has(target)) continue;
    seen.add(target);
    const m = modules.get(target);
    if (m === undefined || m.module.hasDefault) continue;
    if (walked.has(m.file)) helpers.add(m.file);
    queue.push(...m.module.imports);
  }
  return helpers;
}

function parseModule(ts: typeof TS, file: string, text: string): Module {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const isDefault = (node: TS.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  // What may be a scenario: a call (`scenario(...)`), a function, or a name bound elsewhere. An object,
  // a class or a literal as the default export is not one.
  const mayBeScenario = (e: TS.Expression): boolean => {
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
    return ts.isCallExpression(e) || ts.isArrowFunction(e) || ts.isFunctionExpression(e) || ts.isIdentifier(e) || ts.isPropertyAccessExpression(e);
  };
  let hasDefault = false;
  for (const st of sf.statements) {
    if (ts.isExportAssignment(st) && !st.isExportEquals) hasDefault ||= mayBeScenario(st.expression);
    else if (ts.isFunctionDeclaration(st) && isDefault(st)) hasDefault = true;
    else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      if (st.exportClause.elements.some((e) => e.name.text === 'default')) hasDefault = true;
    }
  }
  const imports: string[] = [];
  for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
    if (!ref.fileName.startsWith('.')) continue;
    const base = path.resolve(path.dirname(file), ref.fileName);
    imports.push(base, `${base}.ts`, base.replace(/\.(?:js|mjs)$/, '.ts'), path.join(base, 'index.ts'));
  }
  return { hasDefault, imports };
}
