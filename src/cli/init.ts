/**
 * `simcc init [DIR]`: makes a folder ready for scenario files anywhere on disk. It writes a
 * tsconfig.json whose `paths` map `simcc` (and `simcc/*`) to the declarations of the simcc that runs
 * this command, with the compiler options `--typecheck` uses (harness/typecheck.ts), so an editor, `tsc`
 * and `simcc check` agree on every scenario in the folder. With --example, also a first scenario.
 *
 * Invariant: never overwrites a file without --force; a folder that does not exist is created.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { scenarioCompilerOptions, scenarioGlobals, simccDeclarations } from '../harness/typecheck.js';
import { UsageError } from './options.js';

export interface InitFlags {
  force?: boolean;
  example?: boolean;
}

const EXAMPLE = `// A first scenario: two goroutines increment a counter without a lock.
// simcc run example.ts finds the data race; simcc explore example.ts covers every interleaving;
// simcc check . passes it, since it declares what it is built to show (expect).
import { scenario, go, shared, WaitGroup, assert } from 'simcc';

export default scenario({ name: 'counter without a lock', expect: ['data-race', 'assertion'] }, async () => {
  const count = shared('count', 0);
  const wg = new WaitGroup();
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      await count.update((v) => v + 1); // a read, then a write: count++
      await wg.done();
    }, \`worker-\${i}\`);
  }
  await wg.wait();
  assert((await count.read()) === 2, 'an increment was lost');
});
`;

/** The tsconfig.json `simcc init` writes. */
export function initTsconfig(): Record<string, unknown> {
  const compilerOptions = scenarioCompilerOptions(true);
  const withNode = Array.isArray(compilerOptions['types']) && (compilerOptions['types'] as string[]).includes('node');
  return {
    compilerOptions,
    include: ['**/*.ts'],
    exclude: ['node_modules'],
    ...(!withNode && { files: [scenarioGlobals()] }),
  };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

export async function initCommand(dir: string, flags: InitFlags): Promise<number> {
  const tsconfig = path.join(dir, 'tsconfig.json');
  const example = path.join(dir, 'example.ts');
  for (const file of flags.example ? [tsconfig, example] : [tsconfig]) {
    if (!flags.force && (await exists(file))) throw new UsageError(`${file} exists already (--force overwrites it)`);
  }
  if (!(await exists(simccDeclarations().index))) throw new UsageError(`simcc's declarations are missing (${simccDeclarations().index}): build simcc first (npm run build)`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(tsconfig, `${JSON.stringify(initTsconfig(), null, 2)}\n`);
    if (flags.example) await writeFile(example, EXAMPLE);
  } catch (err) {
    throw new UsageError(`cannot write in ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const lines = [`wrote ${tsconfig}: 'simcc' resolves to ${simccDeclarations().index}`];
  if (flags.example) lines.push(`wrote ${example}: try simcc run ${example}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
