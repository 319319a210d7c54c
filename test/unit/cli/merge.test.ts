/** `simcc merge` of check reports: the unsharded document back, and a usage error for any bad set of shards. */
import { describe, expect, it } from 'vitest';
import { mergeCheckDocuments } from '../../../src/cli/merge.js';
import { UsageError } from '../../../src/cli/options.js';
import { checkDocument, checkResult, type CheckDocument } from '../../../src/report/check.js';

const result = (file: string) => checkResult(file, { scenario: file, strategy: 'random', executions: 1, complete: false, findings: [], steps: 0 }, { mode: 'run' });
const whole = checkDocument('run', ['a.ts', 'b.ts', 'c.ts'].map(result), ['lib.ts'], {});
const shard = (index: number, count: number, files: string[], over: Partial<CheckDocument> = {}): CheckDocument => ({
  ...checkDocument('run', files.map(result), ['lib.ts'], { shard: { index, count } }),
  ...over,
});

describe('mergeCheckDocuments', () => {
  it('gives back the document of the unsharded check, in file order', () => {
    const merged = mergeCheckDocuments([shard(2, 2, ['b.ts']), shard(1, 2, ['a.ts', 'c.ts'])], ['x', 'y']);
    expect(merged).toEqual(whole);
  });

  it('refuses a missing, doubled or foreign shard', () => {
    const bad: [CheckDocument[], string][] = [
      [[shard(1, 3, ['a.ts']), shard(2, 3, ['b.ts'])], 'shard 3/3 missing'],
      [[shard(1, 2, ['a.ts']), shard(1, 2, ['a.ts'])], 'shard 1/2 is given twice'],
      [[shard(1, 2, ['a.ts']), shard(2, 3, ['b.ts'])], 'from a different split'],
      [[shard(1, 2, ['a.ts']), shard(2, 2, ['b.ts'], { mode: 'explore' })], 'a check with --explore'],
      [[whole, whole], 'only sharded check reports can be merged'],
    ];
    for (const [docs, message] of bad) {
      expect(() => mergeCheckDocuments(docs, ['x', 'y'])).toThrow(UsageError);
      expect(() => mergeCheckDocuments(docs, ['x', 'y'])).toThrow(message);
    }
  });
});
