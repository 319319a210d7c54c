import { describe, expect, it } from 'vitest';
import { copyValue, shared, Mutex, WaitGroup, assert } from '../../../../src/index.js';
import { run, kinds } from '../../../helpers.js';

describe('copyValue', () => {
  it('reports a used Mutex copied inside a struct, in go vet words', async () => {
    const r = await run(async () => {
      const c = { mu: new Mutex({ name: 'mu' }), n: 1 };
      await c.mu.lock();
      copyValue(c);
    });
    expect(kinds(r)).toEqual(['copied-lock']);
    expect(r.findings[0]!.message).toBe("copyValue copies lock value: value.mu contains sync.Mutex 'mu' (locked by 'main')");
  });

  it('reports a used WaitGroup copied directly', async () => {
    const r = await run(async () => {
      const wg = new WaitGroup({ name: 'w' });
      await wg.add(1);
      copyValue(wg);
    });
    expect(r.findings.map((f) => f.message)).toEqual(["copyValue copies lock value: sync.WaitGroup 'w' (counter 1)"]);
  });

  it('copies unused locks and plain data silently, field by field', async () => {
    const r = await run(async () => {
      const c = { mu: new Mutex(), tags: ['a'], nested: { k: 2 } };
      const d = copyValue(c);
      assert(d !== c && d.mu !== c.mu && d.tags !== c.tags && d.nested.k === 2);
      assert(copyValue(5) === 5);
      const s = shared('s', 3);
      const t = copyValue(s);
      assert(t !== s && (await t.read()) === 3);
    });
    expect(kinds(r)).toEqual([]);
  });

  it('carries the state: a copy of a locked Mutex is locked', async () => {
    let lockedCopy = false;
    await run(async () => {
      const mu = new Mutex();
      const copy = copyValue(mu); // unused: no report
      await mu.lock();
      const copy2 = copyValue({ mu }).mu;
      lockedCopy = copy2.locked && !copy.locked;
    }, { runs: 1 });
    expect(lockedCopy).toBe(true);
  });
});
