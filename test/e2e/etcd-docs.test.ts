/**
 * docs/etcd.md tells the truth: it documents every export of 'simcc/etcd' that part B adds (the recipes,
 * STM and the checks), and each of its example reports is real — the `--seed` command printed in the block
 * reproduces the block's first line.
 */
import { exec } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, ROOT, userEnv } from './cli.js';

const GUIDE = readFileSync(path.join(ROOT, 'docs/etcd.md'), 'utf8');

function shell(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    exec(command, { cwd: ROOT, env: userEnv({ NO_COLOR: '1' }), maxBuffer: 16 * 2 ** 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

describe('docs/etcd.md', { timeout: 5 * E2E_TIMEOUT }, () => {
  it('documents every export of the recipes, STM and the checks in src/etcd.ts', () => {
    const entry = readFileSync(path.join(ROOT, 'src/etcd.ts'), 'utf8');
    const block = entry.slice(entry.indexOf('(part B)'));
    const names = [...block.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((m) =>
      m[1]!.split(',').map((n) => n.trim().replace(/^type\s+/, '').replace(/^\w+ as /, '')).filter((n) => n !== ''),
    );
    expect(names).toEqual(expect.arrayContaining(['newElection', 'newMutex', 'newLocker', 'recipes', 'newSTM', 'critical']));
    const api = ['campaign', 'proclaim', 'resign', 'leader', 'observe', 'rev()', 'key()', 'lock', 'tryLock', 'unlock', 'isOwner()', 'newRWMutex', 'newQueue', 'newPriorityQueue', 'newBarrier', 'newDoubleBarrier', 'hold', 'release', 'wait', 'enter', 'leave', 'serializableSnapshot', 'serializable', 'repeatableReads', 'readCommitted', 'mutual-exclusion', 'split-brain'];
    const missing = [...names.filter((n) => !/^(Election|EtcdMutex|EtcdLocker|ConcurrencyErrors|RecipeRWMutex|Queue|PriorityQueue|Barrier|DoubleBarrier|STM|STMOptions|Isolation)$/.test(n)), ...api].filter((n) => !GUIDE.includes(n));
    expect(missing).toEqual([]);
  });

  it('its reports are real: each one\'s --seed command reproduces its first line', async () => {
    const blocks = [...GUIDE.matchAll(/<!-- report: (\S+) -->\n\n```\n([\s\S]*?)\n```/g)];
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const failures: string[] = [];
    for (const [, file, block] of blocks) {
      const seed = block!.split('\n').find((l) => l.startsWith(`  node bin/simcc.js run ${file} --seed `));
      if (!seed) {
        failures.push(`${file}: no --seed command in its report`);
        continue;
      }
      const r = await shell(seed.trim());
      const first = block!.split('\n')[0]!;
      if (!r.stdout.includes(`\n${first}\n`)) failures.push(`${seed.trim()}\n  → ${r.stdout.split('\n').slice(2, 3).join('')}`);
    }
    expect(failures).toEqual([]);
  });
});
