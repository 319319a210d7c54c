import { describe, expect, it } from 'vitest';
import { go, yieldNow, shared, AtomicInt, AtomicValue, WaitGroup, Channel, copyValue, assert } from '../../../../src/index.js';
import { run, kinds } from '../../../helpers.js';

describe('AtomicInt', () => {
  it('load/store/add/swap/compareAndSwap with Go results', async () => {
    const r = await run(async () => {
      const a = new AtomicInt(5, 'a');
      assert((await a.load()) === 5);
      assert((await a.add(3)) === 8, 'add returns the new value');
      assert((await a.add(-10)) === -2);
      assert((await a.swap(7)) === -2, 'swap returns the old value');
      assert((await a.compareAndSwap(1, 2)) === false);
      assert((await a.compareAndSwap(7, 9)) === true);
      await a.store(4);
      assert((await a.load()) === 4);
      assert((await new AtomicInt().load()) === 0, 'zero value');
    });
    expect(kinds(r)).toEqual([]);
  });

  it('concurrent adds lose nothing', async () => {
    const r = await run(async () => {
      const n = new AtomicInt(0, 'n');
      const wg = new WaitGroup();
      await wg.add(4);
      for (let i = 0; i < 4; i++) {
        go(async () => {
          await n.add(1);
          await n.add(1);
          await wg.done();
        });
      }
      await wg.wait();
      assert((await n.load()) === 8, 'lost an atomic add');
    });
    expect(kinds(r)).toEqual([]);
  });

  it('a store happens-before the load that sees it (message passing)', async () => {
    const r = await run(async () => {
      const flag = new AtomicInt(0, 'flag');
      const data = shared('data', 0);
      go(async () => {
        await data.write(42);
        await flag.store(1);
      });
      while ((await flag.load()) !== 1) await yieldNow();
      assert((await data.read()) === 42);
    });
    expect(kinds(r)).toEqual([]);
  });

  it('a failed compareAndSwap synchronises too', async () => {
    const r = await run(async () => {
      const s = new AtomicInt(0, 's');
      const x1 = shared('x1', 0);
      const x2 = shared('x2', 0);
      const wg = new WaitGroup();
      await wg.add(2);
      go(async () => {
        await x1.write(1);
        if (!(await s.compareAndSwap(0, 1))) await x2.write(1);
        await wg.done();
      });
      go(async () => {
        await x2.write(1);
        if (!(await s.compareAndSwap(0, 1))) await x1.write(1);
        await wg.done();
      });
      await wg.wait();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('loads do not order each other (a load acquires, it does not release)', async () => {
    const r = await run(async () => {
      const a = new AtomicInt(0, 'a');
      const x = shared('x', 0);
      let loaded = false;
      const done = new Channel<void>(1);
      go(async () => {
        while (!loaded) await yieldNow();
        await a.load();
        await x.read();
        await done.send();
      });
      await x.write(1);
      await a.load();
      loaded = true;
      await done.recv();
    });
    expect(kinds(r)).toEqual(['data-race']);
  });

  it('a plain read of an atomic (copyValue) races with an unordered atomic write', async () => {
    const r = await run(async () => {
      const a = new AtomicInt(0, 'a');
      const done = new Channel<void>();
      go(async () => {
        await a.store(1);
        await done.send();
      });
      await yieldNow();
      copyValue(a); // _ = a
      await done.recv();
    });
    expect(kinds(r)).toEqual(['data-race']);
    const ordered = await run(async () => {
      const a = new AtomicInt(0, 'a');
      const done = new Channel<void>();
      go(async () => {
        await a.store(1);
        await done.send();
      });
      await done.recv();
      assert(copyValue(a).value === 1, 'the copy carries the value');
    });
    expect(kinds(ordered)).toEqual([]);
  });

  it('rejects non-integers with a clear error', async () => {
    const r = await run(async () => {
      await new AtomicInt().add(0.5);
    });
    expect(r.error?.message).toBe('AtomicInt.add needs an integer, got 0.5');
  });

  it('footprint: loads are reads, everything else writes', async () => {
    const seen: [string, boolean][] = [];
    await run(
      async () => {
        const a = new AtomicInt();
        for (const make of [() => a.load(), () => a.store(1), () => a.add(1), () => a.swap(2), () => a.compareAndSwap(5, 6)]) {
          const op = make() as Promise<unknown>;
          const o = op as unknown as { kind: string; footprint(): { read: boolean }[] };
          seen.push([o.kind, o.footprint()[0]!.read]);
          await op;
        }
      },
      { runs: 1 },
    );
    expect(seen).toEqual([
      ['load', true],
      ['store', false],
      ['add', false],
      ['swap', false],
      ['cas', false],
    ]);
  });
});

describe('AtomicValue', () => {
  it('load/store/swap/compareAndSwap', async () => {
    const r = await run(async () => {
      const v = new AtomicValue<{ n: number }>(undefined, 'cfg');
      assert((await v.load()) === undefined, 'nil before the first store');
      const a = { n: 1 };
      const b = { n: 2 };
      await v.store(a);
      assert((await v.load()) === a);
      assert((await v.swap(b)) === a);
      assert((await v.compareAndSwap(a, a)) === false);
      assert((await v.compareAndSwap(b, a)) === true);
      assert((await v.load()) === a);
    });
    expect(kinds(r)).toEqual([]);
  });

  it('a config published with store is seen whole by a load (no race)', async () => {
    const r = await run(async () => {
      const cfg = new AtomicValue({ version: 0 }, 'config');
      const wg = new WaitGroup();
      await wg.add(2);
      go(async () => {
        const c = { version: 1 };
        await cfg.store(c);
        await wg.done();
      });
      go(async () => {
        const c = await cfg.load();
        assert(c !== undefined && c.version >= 0);
        await wg.done();
      });
      await wg.wait();
    });
    expect(kinds(r)).toEqual([]);
  });

  it("panics with Go's text on a nil or inconsistently typed value", async () => {
    const nil = await run(async () => {
      await new AtomicValue<string>().store(undefined as never);
    });
    expect(nil.findings.map((f) => [f.kind, f.message])).toEqual([['panic', 'sync/atomic: store of nil value into Value']]);
    const typed = await run(async () => {
      const v = new AtomicValue<unknown>('s');
      await v.store(5);
    });
    expect(typed.findings[0]!.message).toMatch(/^sync\/atomic: store of inconsistently typed value into Value/);
    const recovered = await run(async () => {
      try {
        await new AtomicValue<string>().store(null as never);
      } catch {
        /* a panic: recoverable */
      }
    });
    expect(kinds(recovered)).toEqual([]);
  });
});
