import { describe, expect, it } from 'vitest';
import { go, yieldNow, shared, Pool, Channel, assert, type Shared } from '../../../../src/index.js';
import { run, kinds } from '../../../helpers.js';

describe('Pool', () => {
  it('get returns a put value, or New() when empty, or undefined without New', async () => {
    const r = await run(async () => {
      let made = 0;
      const p = new Pool(() => ({ id: ++made }), 'p');
      const a = await p.get();
      assert(a !== undefined && a.id === 1 && made === 1, 'empty pool: New');
      await p.put(a);
      const b = await p.get();
      assert(b === a || (b !== undefined && b.id === 2), 'the pooled value, or a new one after a GC');
      const bare = new Pool<object>();
      assert((await bare.get()) === undefined, 'no New: nil');
      await bare.put(null as never);
      assert((await bare.get()) === undefined, 'put(nil) is ignored');
    });
    expect(kinds(r)).toEqual([]);
  });

  it('a simulated GC may empty it before a get: both outcomes happen over schedules', async () => {
    const outcomes = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      await run(
        async () => {
          const p = new Pool<object>(() => ({}));
          const x = {};
          await p.put(x);
          outcomes.add((await p.get()) === x ? 'kept' : 'collected');
        },
        { runs: 1, firstSeed: seed },
      );
    }
    expect(outcomes).toEqual(new Set(['kept', 'collected']));
  });

  it('put happens-before the get that takes the value', async () => {
    const r = await run(async () => {
      const p = new Pool<Shared<number>>();
      let put = false;
      go(async () => {
        const buf = shared('buf', 0);
        await buf.write(1);
        await p.put(buf);
        put = true;
      });
      while (!put) await yieldNow();
      const got = await p.get(); // nothing but the pool orders the writes to buf
      if (got) await got.write(2);
    });
    expect(kinds(r)).toEqual([]);
  });

  it('using a value after putting it back races with the goroutine that gets it', async () => {
    const r = await run(async () => {
      const p = new Pool<Shared<number>>();
      const done = new Channel<void>(1);
      const buf = shared('buf', 0);
      await p.put(buf);
      go(async () => {
        const b = await p.get();
        if (b) await b.write(1);
        await done.send();
      }, 'getter');
      await buf.write(2); // after Put: the pool may have handed it out already
      await done.recv();
    });
    expect(kinds(r)).toEqual(['data-race']);
  });

  it('rejects a New that is not a function', async () => {
    const r = await run(async () => {
      new Pool(5 as never);
    });
    expect(r.error?.message).toBe('new Pool(newFn): newFn must be a function, got number');
  });
});
