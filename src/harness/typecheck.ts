/**
 * `--typecheck`: the TypeScript compiler's verdict on scenario files, before they run.
 *
 * Invariants:
 * - Every scenario is checked with the same compiler options (`scenarioCompilerOptions`), whatever
 *   tsconfig.json lies around it: `simcc` and `simcc/*` map to the declarations of the simcc that is
 *   running, so a scenario anywhere on disk type-checks as it will run. `simcc init` writes these same
 *   options into a tsconfig.json, so the editor and the CLI agree.
 * - Many files are checked in one program (the standard library is parsed once). A type error is
 *   charged to every scenario whose imports reach the file it is in (a helper's error fails each
 *   scenario that uses the helper); each scenario gets its first error, `file:line:col`, as one line.
 * - The compiler is loaded only when a check is asked for (it is large).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TS from 'typescript';
import type { ScenarioErrorInfo } from '../findings.js';
import { displayPath, oneLine } from '../runtime/locations.js';

/** This package's root (this file is dist/harness/typecheck.js, or src/harness/typecheck.ts under vitest). */
export const SIMCC_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where `simcc`'s declarations are: the compiled dist/, whether this runs from dist/ or src/. */
export function simccDeclarations(): { index: string; dir: string } {
  const dir = path.join(SIMCC_ROOT, 'dist');
  return { index: path.join(dir, 'index.d.ts'), dir };
}

/** The folder that holds `@types/node` as simcc resolves it, when it is installed. */
function nodeTypesRoot(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('@types/node/package.json');
    return path.dirname(path.dirname(pkg));
  } catch {
    return undefined;
  }
}

/**
 * The compiler options for scenario files, as a tsconfig.json's `compilerOptions` would spell them.
 * Strict, ES2022 (plus `using`), modules resolved as a bundler does (esbuild runs the scenario: relative
 * imports with or without an extension), and nothing emitted. With `nodeTypes`, Node's type definitions
 * (when installed); without, only the globals of types/scenario-globals.ts (added as a root file).
 */
export function scenarioCompilerOptions(nodeTypes: boolean): Record<string, unknown> {
  const decl = simccDeclarations();
  const typeRoot = nodeTypes ? nodeTypesRoot() : undefined;
  return {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2022', 'ESNext.Disposable'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    esModuleInterop: true,
    forceConsistentCasingInFileNames: true,
    ...(typeRoot ? { typeRoots: [typeRoot], types: ['node'] } : { types: [] }),
    paths: { simcc: [decl.index], 'simcc/*': [path.join(decl.dir, '*')] },
  };
}

/** The declaration of the globals a scenario may use without Node's definitions. */
export function scenarioGlobals(): string {
  return path.join(simccDeclarations().dir, 'types', 'scenario-globals.d.ts');
}

/** Names that only Node's definitions declare: a file that uses one (or imports a builtin) needs them. */
const NODE_API = /\b(?:process|Buffer|require|__dirname|__filename|setTimeout|setInterval|setImmediate|queueMicrotask|NodeJS)\b|from\s+['"]node:|import\(\s*['"]node:/;

let loaded: typeof TS | undefined;
async function typescript(): Promise<typeof TS> {
  loaded ??= ((await import('typescript')) as unknown as { default: typeof TS }).default;
  return loaded;
}

/**
 * Type-checks `files` (as the user gave them) and returns, per file as given, its first type error
 * (with how many more there are), or nothing when it type-checks. Never throws for a type error;
 * a file that cannot be read is left to the compile step, which names it.
 */
export async function typecheckFiles(files: readonly string[]): Promise<Map<string, ScenarioErrorInfo>> {
  const ts = await typescript();
  const roots = files.map((f) => path.resolve(f));
  const nodeTypes = await usesNodeApi(ts, roots);
  const converted = ts.convertCompilerOptionsFromJson(scenarioCompilerOptions(nodeTypes), SIMCC_ROOT);
  if (converted.errors.length > 0) throw new Error(`simcc's own compiler options: ${flatten(ts, converted.errors[0]!.messageText)}`);
  const options = converted.options;
  const rootNames = nodeTypes ? roots : [...roots, scenarioGlobals()];
  const program = ts.createProgram({ rootNames, options, host: ts.createCompilerHost(options, true) });

  const errorsOf = new Map<string, TS.Diagnostic[]>();
  const diagnosticsOf = (file: string): TS.Diagnostic[] => {
    let found = errorsOf.get(file);
    if (found === undefined) {
      const sf = program.getSourceFile(file);
      found = sf ? [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].filter((d) => d.category === ts.DiagnosticCategory.Error) : [];
      errorsOf.set(file, found);
    }
    return found;
  };
  const imports = importGraph(ts, program, options);

  const result = new Map<string, ScenarioErrorInfo>();
  files.forEach((given, i) => {
    const root = roots[i]!;
    if (!program.getSourceFile(root)) return;
    const errors: TS.Diagnostic[] = [];
    for (const file of reachable(root, imports)) errors.push(...diagnosticsOf(file));
    const first = errors[0];
    if (first) result.set(given, describe(ts, first, errors.length - 1));
  });
  return result;
}

/**
 * Whether any of the files, or the files they import (relative imports, followed without resolving
 * packages), uses Node's API by name. A miss costs no correctness: the compiler then says which name it
 * cannot find ("Cannot find name 'process'"), on the line that uses it.
 */
async function usesNodeApi(ts: typeof TS, roots: readonly string[]): Promise<boolean> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    if (NODE_API.test(text)) return true;
    for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const base = path.resolve(path.dirname(file), ref.fileName);
      queue.push(...[base, `${base}.ts`, base.replace(/\.js$/, '.ts'), path.join(base, 'index.ts')].filter((f) => f.endsWith('.ts')));
    }
  }
  return false;
}

/** The user's own source files each user file imports (declaration files and packages excluded). */
function importGraph(ts: typeof TS, program: TS.Program, options: TS.CompilerOptions): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const sf of program.getSourceFiles()) {
    if (sf.isDeclarationFile || program.isSourceFileFromExternalLibrary(sf)) continue;
    const targets: string[] = [];
    for (const ref of ts.preProcessFile(sf.text, true, true).importedFiles) {
      const resolved = ts.resolveModuleName(ref.fileName, sf.fileName, options, ts.sys).resolvedModule;
      if (resolved && !resolved.isExternalLibraryImport && !resolved.resolvedFileName.endsWith('.d.ts')) targets.push(path.resolve(resolved.resolvedFileName));
    }
    graph.set(path.resolve(sf.fileName), targets);
  }
  return graph;
}

/** `root` and every user file its imports reach, root first, then in import order. */
function reachable(root: string, graph: Map<string, string[]>): string[] {
  const seen = new Set<string>([root]);
  const order = [root];
  for (let i = 0; i < order.length; i++) {
    for (const next of graph.get(order[i]!) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      order.push(next);
    }
  }
  return order;
}

function flatten(ts: typeof TS, text: string | TS.DiagnosticMessageChain): string {
  return oneLine(ts.flattenDiagnosticMessageText(text, ' '));
}

function describe(ts: typeof TS, d: TS.Diagnostic, more: number): ScenarioErrorInfo {
  const message = `TS${d.code}: ${flatten(ts, d.messageText)}${more > 0 ? ` (and ${more} more type error${more === 1 ? '' : 's'})` : ''}`;
  if (!d.file || d.start === undefined) return { message };
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return { message, location: `${displayPath(path.resolve(d.file.fileName))}:${line + 1}:${character + 1}` };
}
