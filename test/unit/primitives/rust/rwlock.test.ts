/**
 * std::sync::RwLock<T> (src/primitives/rust/rwlock.ts): many readers or one writer, writer-preferring
 * (a recursive read with a writer waiting deadlocks), re-locking by the holder, try variants,
 * poisoning by write guards only, read guards are read-only, and exploration against brute force.
 */
import { describe, expect, it } from 'vitest';
import { exploreScenario } from '../../../../src/harness/explore.js';
import { RwLock } from '../../../../src/primitives/rust/rwlock.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { assert, catchUnwind, panic } from '../../../../src/primitives/rust/panic.js';
import { scenario } from '../../../../src/primitives/rust/scenario.js';
import { thread } from '../../../../src/primitives/rust/thread.js';
import { bruteForce, dporSplit, exploreOptions, type Outcome } from '../../scheduler/explore-helpers.js';
import { kinds, runRust } from './helpers.js';
import { runS } from '../../../helpers.js';

describe('RwLock', () => {
  it('many readers at once, a writer alone: tryRead succeeds beside a reader, tryWrite does not', async () => {
    const r = await runRust(async () => {
      const l = new RwLock(1, { name: 'l' });
      const r1 = (await l.read()).unwrap();
      const r2 = (await l.tryRead()).unwrap();
      assert(r1.value + r2.value === 2);
      const w = await l.tryWrite();
      assert(w.isErr() && (w.unwrapErr() as { kind: string }).kind === 'WouldBlock', 'tryWrite beside readers');
      await drop(r1);
      await drop(r2);
      const g = (await l.write()).unwrap();
      g.value = 5;
      assert((await l.tryRead()).isErr(), 'tryRead beside a writer');
      await drop(g);
      assert((await l.read()).unwrap().value === 5);
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a read guard is read-only', async () => {
    const r = await runRust(async () => {
      const l = new RwLock(1, { name: 'l' });
      const g = (await l.read()).unwrap();
      (g as { value: number }).value = 2;
    }, { runs: 1 });
    expect(r.error?.message).toMatch(/read guard of RwLock 'l' gives shared access only/);
  });

  it('write while holding the write lock is double-lock; write while reading and read while writing are deadlocks', async () => {
    const ww = await runRust(async () => {
      const l = new RwLock(0, { name: 'l' });
      const a = (await l.write()).unwrap();
      await l.write();
      void a;
    }, { runs: 1 });
    expect(kinds(ww)).toEqual(['double-lock']);
    const rw = await runRust(async () => {
      const l = new RwLock(0, { name: 'l' });
      const a = (await l.read()).unwrap();
      await l.write();
      void a;
    }, { runs: 1 });
    expect(kinds(rw)).toEqual(['deadlock']);
    const wr = await runRust(async () => {
      const l = new RwLock(0, { name: 'l' });
      const a = (await l.write()).unwrap();
      await l.read();
      void a;
    }, { runs: 1 });
    expect(kinds(wr)).toEqual(['deadlock']);
  });

  const recursive = (twice: boolean) =>
    scenario(`recursive read ${twice}`, async () => {
      const l = new RwLock(0, { name: 'l' });
      const reader = thread.spawn(async () => {
        const a = (await l.read()).unwrap();
        if (twice) await drop((await l.read()).unwrap());
        await drop(a);
      }, 'reader');
      const writer = thread.spawn(async () => {
        const g = (await l.write()).unwrap();
        g.value++;
        await drop(g);
      }, 'writer');
      (await reader.join()).unwrap();
      (await writer.join()).unwrap();
    });

  it('writer-preferring: a recursive read with a writer waiting deadlocks (run and explore); one read is complete and clean', async () => {
    expect(new Set(kinds(await runS(recursive(true))))).toEqual(new Set(['deadlock']));
    const bad = await exploreScenario(recursive(true), exploreOptions());
    expect(bad.findings.map((f) => f.kind)).toEqual(['deadlock']);
    expect(bad.findings[0]!.message).toMatch(/'reader', 'writer' wait for each other|'writer', 'reader' wait for each other/);
    const good = await exploreScenario(recursive(false), exploreOptions());
    expect(good.findings).toEqual([]);
    expect(good.complete).toBe(true);
  });

  it('only a panic under a write guard poisons', async () => {
    const r = await runRust(async () => {
      const l = new RwLock(0, { name: 'l' });
      await catchUnwind(async () => {
        const g = (await l.read()).unwrap();
        void g;
        panic('reader');
      });
      assert(!l.isPoisoned(), 'a reader poisoned it');
      await catchUnwind(async () => {
        const g = (await l.write()).unwrap();
        void g;
        panic('writer');
      });
      assert(l.isPoisoned(), 'the writer did not poison it');
      assert((await l.read()).isErr(), 'read of a poisoned RwLock is Ok');
      const t = await l.tryWrite();
      assert(t.isErr() && (t.unwrapErr() as { kind: string }).kind === 'WouldBlock', 'the read guard inside the Err is alive');
      l.clearPoison();
      assert(!l.isPoisoned());
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('unwrapping a poisoned read() is poisoned-lock', async () => {
    const r = await runRust(async () => {
      const l = new RwLock(0, { name: 'l' });
      await catchUnwind(async () => {
        const g = (await l.write()).unwrap();
        void g;
        panic('writer');
      });
      (await l.read()).unwrap();
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['poisoned-lock']);
  });

  const outcomeSet = (os: Outcome[]) => new Set(os.map((o) => JSON.stringify(o)));
  it('DPOR against brute force: readers and a writer', { timeout: 120_000 }, async () => {
    const log: { obs: Record<string, unknown[]> } = { obs: {} };
    const s = scenario('rw', async () => {
      log.obs = {};
      const l = new RwLock(0, { name: 'l' });
      const a = thread.spawn(async () => {
        const g = (await l.read()).unwrap();
        (log.obs.a ??= []).push(g.value);
        await drop(g);
      }, 'a');
      const b = thread.spawn(async () => {
        const t = await l.tryRead();
        (log.obs.b ??= []).push(t.isOk() ? t.unwrap().value : 'busy');
        if (t.isOk()) await drop(t.unwrap());
      }, 'b');
      const w = thread.spawn(async () => {
        const g = (await l.write()).unwrap();
        g.value++;
        await drop(g);
      }, 'w');
      for (const h of [a, b, w]) (await h.join()).unwrap();
    });
    const brute = await bruteForce(s, () => log.obs, 20_000);
    expect(brute).not.toBeNull();
    for (const target of [1, 4]) {
      const d = await dporSplit(s, target, () => log.obs);
      expect(new Set(d.forms).size).toBe(d.forms.length);
      expect([...d.forms].sort()).toEqual([...new Set(brute!.forms)].sort());
      expect(outcomeSet(d.outcomes)).toEqual(outcomeSet(brute!.outcomes));
    }
  });
});
