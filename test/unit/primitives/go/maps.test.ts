import { describe, expect, it } from 'vitest';
import { go, yieldNow, shared, GoMap, SyncMap, RWMutex, WaitGroup, Channel, assert } from '../../../../src/index.js';
import { run, kinds } from '../../../helpers.js';

describe('GoMap', () => {
  it('behaves like a map', async () => {
    const r = await run(async () => {
      const m = new GoMap<string, number>('m');
      await m.set('a', 0);
      assert((await m.get('a')) === 0);
      assert((await m.get('b')) === undefined, 'missing key: zero value');
      assert((await m.has('a')) && !(await m.has('b')));
      assert((await m.size()) === 1);
      await m.set('b', 2);
      assert(JSON.stringify(await m.entries()) === '[["a",0],["b",2]]');
      await m.delete('a');
      assert((await m.size()) === 1);
    });
    expect(kinds(r)).toEqual([]);
  });

  it("unordered writes are 'concurrent map writes', even to different keys", async () => {
    const r = await run(async () => {
      const m = new GoMap<number, number>('m');
      const wg = new WaitGroup();
      await wg.add(2);
      for (let i = 0; i < 2; i++) {
        go(async () => {
          await m.set(i, i);
          await wg.done();
        });
      }
      await wg.wait();
    });
    expect(r.findings.map((f) => [f.kind, f.message])).toEqual([['concurrent-map-write', 'concurrent map writes']]);
    expect(r.findings[0]!.accesses!.map((a) => a.op)).toEqual(['write', 'write']);
  });

  it("a read unordered with a write is 'concurrent map read and map write'", async () => {
    const r = await run(async () => {
      const m = new GoMap<number, number>('m');
      const wg = new WaitGroup();
      await wg.add(2);
      go(async () => {
        await m.set(1, 1);
        await wg.done();
      }, 'writer');
      go(async () => {
        await m.get(2);
        await wg.done();
      }, 'reader');
      await wg.wait();
    });
    expect(r.findings.map((f) => [f.kind, f.message])).toEqual([['concurrent-map-write', 'concurrent map read and map write']]);
  });

  it('is a fatal error: it cannot be recovered', async () => {
    const r = await run(async () => {
      const m = new GoMap<number, number>();
      const done = new Channel<void>(1);
      go(async () => {
        await m.set(1, 1);
        await done.send();
      });
      try {
        await m.set(2, 2);
      } catch {
        /* no */
      }
      await done.recv();
    });
    expect(kinds(r)).toEqual(['concurrent-map-write']);
  });

  it('concurrent reads are fine, and a lock makes writes safe', async () => {
    const r = await run(async () => {
      const m = new GoMap<number, number>('m');
      await m.set(1, 1);
      const rw = new RWMutex();
      const wg = new WaitGroup();
      await wg.add(4);
      for (let i = 0; i < 2; i++) {
        go(async () => {
          await m.get(1);
          await wg.done();
        });
      }
      for (let i = 0; i < 2; i++) {
        go(async () => {
          await rw.lock();
          await m.set(i, i);
          await rw.unlock();
          await wg.done();
        });
      }
      await wg.wait();
    });
    // the two lock-free readers race with the locked writers
    expect(kinds(r)).toEqual(['concurrent-map-write']);
    const safe = await run(async () => {
      const m = new GoMap<number, number>('m');
      const rw = new RWMutex();
      const wg = new WaitGroup();
      await wg.add(4);
      for (let i = 0; i < 2; i++) {
        go(async () => {
          await rw.rLock();
          await m.get(1);
          await rw.rUnlock();
          await wg.done();
        });
        go(async () => {
          await rw.lock();
          await m.set(i, i);
          await rw.unlock();
          await wg.done();
        });
      }
      await wg.wait();
    });
    expect(kinds(safe)).toEqual([]);
  });
});

describe('SyncMap', () => {
  it("has sync.Map's API, with results usable as [v, ok] or { value, ok }", async () => {
    const r = await run(async () => {
      const m = new SyncMap<string, number>('m');
      const [v0, ok0] = await m.load('a');
      assert(v0 === undefined && ok0 === false);
      await m.store('a', 1);
      const { value, ok } = await m.load('a');
      assert(value === 1 && ok);
      const [actual, loaded] = await m.loadOrStore('a', 2);
      assert(actual === 1 && loaded, 'loadOrStore finds the existing value');
      const s = await m.loadOrStore('b', 3);
      assert(s.actual === 3 && !s.loaded, 'loadOrStore stores');
      const d = await m.loadAndDelete('a');
      assert(d.value === 1 && d.loaded);
      assert((await m.loadAndDelete('a')).loaded === false);
      const sw = await m.swap('b', 4);
      assert(sw.previous === 3 && sw.loaded);
      assert((await m.compareAndSwap('b', 3, 5)) === false);
      assert((await m.compareAndSwap('b', 4, 5)) === true);
      assert((await m.compareAndDelete('b', 5)) === true);
      await m.store('x', 1);
      await m.store('y', 2);
      await m.store('z', 3);
      await m.delete('y');
      const seen: string[] = [];
      await m.range((k, v) => {
        seen.push(`${k}=${v}`);
      });
      assert(seen.join() === 'x=1,z=3', seen.join());
      const first: string[] = [];
      await m.range((k) => {
        first.push(k);
        return false;
      });
      assert(first.join() === 'x', 'range stops when f returns false');
    });
    expect(kinds(r)).toEqual([]);
  });

  it('is safe for concurrent use, and a store happens-before the load that observes it', async () => {
    const r = await run(async () => {
      const m = new SyncMap<string, number>('m');
      const data = shared('data', 0);
      const wg = new WaitGroup();
      await wg.add(3);
      go(async () => {
        await data.write(1);
        await m.store('ready', 1);
        await wg.done();
      });
      go(async () => {
        await m.store('other', 2);
        await m.delete('other');
        await wg.done();
      });
      go(async () => {
        while (!(await m.load('ready')).ok) await yieldNow();
        await data.read();
        await wg.done();
      });
      await wg.wait();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('does not order operations on other keys', async () => {
    const r = await run(async () => {
      const m = new SyncMap<string, number>('m');
      const data = shared('data', 0);
      let stored = false;
      go(async () => {
        await data.write(1);
        await m.store('a', 1);
        stored = true;
      });
      while (!stored) await yieldNow();
      await m.load('b'); // observes nothing the writer did
      await data.read();
    });
    expect(kinds(r)).toEqual(['data-race']);
  });

  it('range may call other operations of the map', async () => {
    const r = await run(async () => {
      const m = new SyncMap<number, number>('m');
      for (let i = 0; i < 3; i++) await m.store(i, i);
      await m.range(async (k) => {
        await m.delete(k);
      });
      let n = 0;
      await m.range(() => void n++);
      assert(n === 0, `${n} left`);
    });
    expect(kinds(r)).toEqual([]);
  });

  it('concurrent writers of one key need no lock: one of the values wins', async () => {
    const winners = new Set<number>();
    const r = await run(async () => {
      const m = new SyncMap<string, number>('m');
      const wg = new WaitGroup();
      await wg.add(2);
      for (const v of [1, 2]) {
        go(async () => {
          await m.store('k', v);
          await wg.done();
        });
      }
      await wg.wait();
      winners.add((await m.load('k')).value!);
    });
    expect(kinds(r)).toEqual([]);
    expect(winners).toEqual(new Set([1, 2]));
  });
});
