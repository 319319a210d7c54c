/** Discovery: sorted, recursive; helper modules (no default export, imported by a scenario) are skipped. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverScenarios } from '../../../src/cli/discover.js';

const dir = mkdtempSync(path.join(tmpdir(), 'simcc-discover-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
}

describe('discoverScenarios', () => {
  it('skips helpers that scenarios import, keeps orphans and scenarios imported by others', async () => {
    write('b.ts', "import { n } from './lib/util';\nimport other from './a';\nexport default async () => n + other.length;\n");
    write('a.ts', 'export default function named() {}\n');
    write('lib/util.ts', "export { m as n } from './deep.js';\n");
    write('lib/deep.ts', 'export const m = 1;\n');
    write('orphan.ts', 'export const x = 1;\n');
    write('c.ts', "const s = 1;\nexport { s as default };\n");
    write('lib/config.ts', "export default { workers: 2 };\n");
    write('d.ts', "import config from './lib/config';\nexport default (async () => config) as () => Promise<unknown>;\n");
    write('_private.ts', 'export const y = 1;\n');
    write('types.d.ts', 'declare const z: number;\n');
    const found = await discoverScenarios([dir]);
    expect(found.files.map((f) => path.relative(dir, f))).toEqual(['a.ts', 'b.ts', 'c.ts', 'd.ts', 'orphan.ts']);
    expect(found.helpers.map((f) => path.relative(dir, f))).toEqual(['lib/config.ts', 'lib/deep.ts', 'lib/util.ts']);
  });

  it('a file given by name is run even when it is a helper', async () => {
    const found = await discoverScenarios([dir, path.join(dir, 'lib/util.ts')]);
    expect(found.files.map((f) => path.relative(dir, f))).toContain('lib/util.ts');
    expect(found.helpers.map((f) => path.relative(dir, f))).toEqual(['lib/config.ts', 'lib/deep.ts']);
  });
});
