/**
 * Turns a scenario file (TypeScript, anywhere on disk) into one ES module that Node can import.
 *
 * Invariants:
 * - `simcc`, `simcc/rust`, `simcc/tokio` and `simcc/etcd` resolve to THIS package's dist/index.js, dist/rust.js, dist/tokio.js and dist/etcd.js (absolute file URLs,
 *   left external). So a scenario works wherever it lives, and it shares the runtime's module instances with
 *   the worker that runs it (the worker imports the same files).
 * - The scenario's own relative imports are bundled; other bare packages are resolved from the scenario's
 *   folder at compile time and left external as absolute file URLs, so the bundle can live in a temp dir.
 * - The bundle carries an inline source map whose sources are the original files: with
 *   `process.setSourceMapsEnabled(true)`, stack frames point at the scenario's .ts file/line/col.
 * - Every failure is a CompileError with one line of text and, when known, `file:line:col`.
 */
import type * as Esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FlavourName } from '../runtime/flavour.js';
import { displayPath, oneLine } from '../runtime/locations.js';

/**
 * esbuild, loaded on first use and as the CommonJS module it is: an ES `import` of it makes Node scan its
 * 100 KB main file for named exports first (cjs-module-lexer), ~80 ms of CPU at every start of the CLI,
 * and commands that compile nothing (merge, init, --help) need it not at all.
 */
let esbuildModule: typeof Esbuild | null = null;
function esbuild(): typeof Esbuild {
  return (esbuildModule ??= createRequire(import.meta.url)('esbuild') as typeof Esbuild);
}

/** A problem that stops the scenario from being compiled: a scenario error (exit status 2). */
export class CompileError extends Error {
  constructor(
    message: string,
    /** `file:line:col` (or just the file), as the user should see it. */
    readonly location?: string,
  ) {
    super(message);
  }
}

export interface CompiledScenario {
  /** Absolute path of the scenario file. */
  sourcePath: string;
  /** Absolute path of the bundled module (inside `dir`). */
  modulePath: string;
  /** The temp dir holding the bundle; `dispose()` removes it. */
  dir: string;
  /**
   * The flavour of the simcc entry point the scenario imports ('rust' for 'simcc/rust', 'tokio' for 'simcc/tokio'), for a default
   * export that is a plain async function (a `scenario()` carries its own flavour).
   */
  flavour: FlavourName;
  dispose(): Promise<void>;
}

/** Entry points of this package that a scenario may import, by specifier. */
const SIMCC_ENTRIES: Record<string, string> = {
  simcc: '../index.js',
  'simcc/rust': '../rust.js',
  'simcc/tokio': '../tokio.js',
  'simcc/etcd': '../etcd.js',
};

/** The flavour each entry point's `scenario()` makes. */
const ENTRY_FLAVOURS: Record<string, FlavourName> = { simcc: 'go', 'simcc/rust': 'rust', 'simcc/tokio': 'tokio', 'simcc/etcd': 'go' };

/** The absolute file URL of one of this package's compiled entry points (this file is dist/harness/compile.js). */
export function simccEntryUrl(specifier: keyof typeof SIMCC_ENTRIES | string): string | undefined {
  const rel = SIMCC_ENTRIES[specifier];
  return rel === undefined ? undefined : new URL(rel, import.meta.url).href;
}

/** A fresh temporary folder for a bundle; a TMPDIR that cannot hold one is one clear line (a usage problem). */
async function tempDir(): Promise<string> {
  const base = tmpdir();
  try {
    return await mkdtemp(path.join(base, 'simcc-'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'is not writable' : code === 'ENOTDIR' ? 'is not a folder' : `cannot be used (${code ?? 'error'})`;
    throw new CompileError(`the temporary folder ${base} ${why}: set TMPDIR to a writable folder`);
  }
}

/**
 * Bundles `file` (as the user gave it). Throws CompileError only; the caller must call `dispose()` on success.
 */
export async function compileScenario(file: string): Promise<CompiledScenario> {
  const sourcePath = path.resolve(file);
  await mustBeFile(file, sourcePath);

  const dir = await tempDir();
  liveDirs.add(dir);
  const dispose = async () => {
    await rm(dir, { recursive: true, force: true });
    liveDirs.delete(dir);
  };
  const modulePath = path.join(dir, 'scenario.mjs');
  const imported = new Set<FlavourName>();
  try {
    const result = await esbuild().build({
      entryPoints: [sourcePath],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // Resolve packages as Node itself would: no "module" condition, only "main".
      conditions: [],
      mainFields: ['main'],
      sourcemap: 'inline',
      sourcesContent: false,
      write: false,
      outfile: modulePath,
      logLevel: 'silent',
      plugins: [externalsPlugin(imported)],
    });
    const out = result.outputFiles.find((f) => f.path === modulePath) ?? result.outputFiles[0];
    if (out === undefined) throw new CompileError('esbuild produced no output', displayPath(sourcePath));
    await writeFile(modulePath, out.contents);
    // A file that imports 'simcc/tokio' is a tokio scenario (it may import std's primitives from 'simcc/rust'
    // too); one that imports 'simcc/rust' is a Rust scenario, even if it also imports 'simcc'.
    const flavour: FlavourName = imported.has('tokio') ? 'tokio' : imported.has('rust') ? 'rust' : 'go';
    return { sourcePath, modulePath, dir, flavour, dispose };
  } catch (err) {
    await dispose();
    throw toCompileError(err, sourcePath);
  }
}

/**
 * Temp dirs not yet disposed. If the process exits before a dispose (Ctrl-C: main.ts turns SIGINT/SIGTERM into
 * process.exit), they are removed synchronously on 'exit', the last moment any code runs.
 */
const liveDirs = new Set<string>();
process.on('exit', () => {
  for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true });
});

/** The one-line "file not found" family of errors, checked before esbuild so the message names the file. */
async function mustBeFile(file: string, absolute: string): Promise<void> {
  let isFile: boolean;
  try {
    isFile = (await stat(absolute)).isFile();
  } catch {
    throw new CompileError(`no such file: ${file}`);
  }
  if (!isFile) throw new CompileError(`not a file: ${file}`);
}

/**
 * `simcc` → this package (external); other bare packages → resolved from the importer, external by file URL;
 * Node builtins → external as written; relative paths → bundled by esbuild.
 */
function externalsPlugin(imported: Set<FlavourName>): Esbuild.Plugin {
  return {
    name: 'simcc-externals',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === SKIP) return undefined;
        const own = simccEntryUrl(args.path);
        if (own !== undefined) {
          imported.add(ENTRY_FLAVOURS[args.path]!);
          return { path: own, external: true };
        }
        if (args.path.startsWith('simcc/')) {
          return { errors: [{ text: `'${args.path}' is not an entry point of simcc (use 'simcc', 'simcc/rust', 'simcc/tokio' or 'simcc/etcd')` }] };
        }
        if (isBuiltin(args.path) || path.isAbsolute(args.path) || args.path.startsWith('file:')) return undefined;
        // A bare package: find it where the scenario lives, then keep it out of the bundle.
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: SKIP,
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { path: pathToFileURL(resolved.path).href, external: true };
      });
    },
  };
}

/** Marks our own nested `build.resolve` call (the filter would otherwise see it again). */
const SKIP = Symbol('simcc-resolve');

/** esbuild's failure (or anything else) as one line with the first error's location. */
function toCompileError(err: unknown, sourcePath: string): CompileError {
  if (err instanceof CompileError) return err;
  const failure = err as Partial<Esbuild.BuildFailure>;
  const first = failure.errors?.[0];
  if (first === undefined) {
    return new CompileError(`cannot compile: ${oneLine(String((err as Error)?.message ?? err))}`, displayPath(sourcePath));
  }
  const loc = first.location;
  if (loc == null) return new CompileError(oneLine(first.text), displayPath(sourcePath));
  // esbuild reports files relative to its working dir (the cwd), lines 1-based, columns 0-based.
  const where = `${displayPath(path.resolve(loc.file))}:${loc.line}:${loc.column + 1}`;
  return new CompileError(oneLine(first.text), where);
}

/** Makes sure esbuild's service process does not keep the CLI alive. */
export async function stopCompiler(): Promise<void> {
  // Never loaded: no service to stop.
  if (esbuildModule !== null) await esbuildModule.stop();
}
