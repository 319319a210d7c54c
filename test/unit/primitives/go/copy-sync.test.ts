import { describe, expect, it } from 'vitest';
import { copyValue, RWMutex, Mutex, Cond, Once, SyncMap, Pool, AtomicInt, assert } from '../../../../src/index.js';
import { run, kinds } from '../../../helpers.js';

describe('copyValue of the other sync types', () => {
  const cases: [string, () => Promise<unknown>, string][] = [
    [
      'RWMutex',
      async () => {
        const rw = new RWMutex({ name: 'rw' });
        await rw.rLock();
        return rw;
      },
      "copyValue copies lock value: sync.RWMutex 'rw' (read-locked by 1 reader)",
    ],
    [
      'Cond',
      async () => {
        const c = new Cond(new Mutex(), 'c');
        await c.signal();
        return c;
      },
      "copyValue copies lock value: sync.Cond 'c' (no waiters)",
    ],
    [
      'Once',
      async () => {
        const o = new Once('o');
        await o.do(() => {});
        return o;
      },
      "copyValue copies lock value: sync.Once 'o' (done)",
    ],
    [
      'SyncMap',
      async () => {
        const m = new SyncMap('m');
        await m.store(1, 1);
        return m;
      },
      "copyValue copies lock value: sync.Map 'm' (1 entry)",
    ],
    [
      'Pool',
      async () => {
        const p = new Pool(undefined, 'p');
        await p.put({});
        return p;
      },
      "copyValue copies lock value: sync.Pool 'p' (1 pooled value)",
    ],
  ];
  for (const [name, make, message] of cases) {
    it(`reports a used ${name}, in a struct too`, async () => {
      const r = await run(async () => {
        copyValue({ field: await make() });
      });
      expect(kinds(r)).toEqual(['copied-lock']);
      expect(r.findings[0]!.message).toBe(message.replace('lock value: ', 'lock value: value.field contains '));
    });
  }

  it('copies unused ones silently, and atomics are not locks', async () => {
    const r = await run(async () => {
      const s = { rw: new RWMutex(), c: new Cond(new Mutex()), o: new Once(), m: new SyncMap(), p: new Pool(), n: new AtomicInt(3) };
      await s.n.add(1);
      const d = copyValue(s);
      assert(d.rw !== s.rw && d.o !== s.o && d.m !== s.m && d.p !== s.p && d.c !== s.c && d.n.value === 4);
    });
    expect(kinds(r)).toEqual([]);
  });

  it('carries the state: a read-locked RWMutex copy stays locked, a done Once stays done', async () => {
    let rwCopy: RWMutex | undefined;
    let onceCopy: Once | undefined;
    let condCopy: Cond | undefined;
    const mu = { ref: undefined as Mutex | undefined };
    await run(
      async () => {
        const rw = new RWMutex();
        await rw.rLock();
        rwCopy = copyValue(rw);
      },
      { runs: 1 },
    );
    await run(
      async () => {
        const o = new Once();
        await o.do(() => {});
        onceCopy = copyValue(o);
      },
      { runs: 1 },
    );
    await run(
      async () => {
        mu.ref = new Mutex();
        const c = new Cond(mu.ref);
        await c.signal();
        condCopy = copyValue(c);
      },
      { runs: 1 },
    );
    expect(rwCopy!.readers).toBe(1);
    expect(rwCopy!.stateSummary()).toBe('read-locked by 1 reader');
    expect(onceCopy!.state).toBe('done');
    expect(condCopy!.L).toBe(mu.ref);
  });
});
