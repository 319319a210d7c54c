/**
 * critical(name, fn) and the mutual-exclusion finding, with plain goroutines (no node: the section is a
 * checker of its own) and against brute force for DPOR. Node crashes and pauses: ./etcd-world.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../../../../src/api/scenario.js';
import { go, spawn, yieldNow } from '../../../../src/api/goroutines.js';
import { Mutex } from '../../../../src/primitives/go/mutex.js';
import { WaitGroup } from '../../../../src/primitives/go/waitgroup.js';
import { critical } from '../../../../src/primitives/etcd/critical.js';
import { run, kinds } from '../../../helpers.js';
import { bruteForce, dporSplit } from '../../scheduler/explore-helpers.js';

describe('critical', () => {
  it('two goroutines inside sections of one name at once: mutual-exclusion, naming both', async () => {
    const r = await run(async () => {
      const wg = new WaitGroup();
      await wg.add(2);
      for (const n of ['a', 'b']) {
        go(async () => {
          await critical('ledger', async () => {
            await yieldNow();
          });
          await wg.done();
        }, n);
      }
      await wg.wait();
    });
    expect(kinds(r)).toEqual(['mutual-exclusion']);
    const f = r.findings[0]!;
    expect(f.message).toMatch(/goroutine '[ab]' \(no node\) and goroutine '[ab]' \(no node\) are inside critical section 'ledger' at once/);
    expect(f.threads.map((t) => t.name).sort()).toEqual(['a', 'b']);
  });

  it('sections kept apart by a lock, sections of different names, and nesting are no finding', async () => {
    const r = await run(async () => {
      const mu = new Mutex();
      const wg = new WaitGroup();
      await wg.add(3);
      for (const n of ['a', 'b']) {
        go(async () => {
          await mu.lock();
          await critical('ledger', async () => {
            await critical('ledger', () => yieldNow()); // re-entry by the same goroutine
          });
          await mu.unlock();
          await wg.done();
        }, n);
      }
      go(async () => {
        await critical('other', () => yieldNow());
        await wg.done();
      }, 'c');
      await wg.wait();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('resolves to what fn returns; a throw leaves the section and is rethrown', async () => {
    let got: unknown;
    const r = await run(async () => {
      got = await critical('x', async () => 42);
      await critical('x', async () => {
        throw new Error('boom');
      }).catch((e: Error) => (got = `${String(got)} ${e.message}`));
      // left: another goroutine may enter now without a finding
      const wg = new WaitGroup();
      await wg.add(1);
      go(async () => {
        await critical('x', () => yieldNow());
        await wg.done();
      }, 'later');
      await wg.wait();
    }, { runs: 20 });
    expect(kinds(r)).toEqual([]);
    expect(got).toBe('42 boom');
  });

  it('mutual-exclusion and split-brain are finding kinds a scenario may expect', () => {
    expect(() => scenario({ name: 'x', expect: ['mutual-exclusion', 'split-brain'] }, async () => undefined)).not.toThrow();
    expect(() => scenario({ name: 'x', expect: ['split-brian'] as never }, async () => undefined)).toThrow(/did you mean 'split-brain'/);
  });

  it('rejects a bad name or fn with a scenario error', async () => {
    const r = await run(async () => {
      await critical('' as string, async () => 1);
    }, { runs: 1 });
    expect(r.error?.message).toMatch(/critical\(name, fn\) needs a non-empty name string/);
    const r2 = await run(async () => {
      await critical('x', 5 as unknown as () => number);
    }, { runs: 1 });
    expect(r2.error?.message).toMatch(/critical\('x', fn\) needs a function/);
  });
});

describe('critical: DPOR against brute force', { timeout: 60_000 }, () => {
  const prog = (withLock: boolean) => {
    let log: Record<string, unknown[]> = {};
    const s = scenario('p', async () => {
      log = {};
      // Enter once in main first: the section's object is then created by main in every execution (an
      // object's name in a trace is its creator's), so traces compare by their order alone.
      await critical('s', async () => undefined);
      const mu = new Mutex();
      // join, not a WaitGroup: the brute-force comparison's normal forms tell a WaitGroup wait's steps apart.
      const hs = ['a', 'b'].map((n) =>
        spawn(async () => {
          if (withLock) await mu.lock();
          await critical('s', async () => {
            (log[n] ??= []).push('in');
          });
          if (withLock) await mu.unlock();
        }, n),
      );
      for (const h of hs) await h.join();
    });
    return { s, log: () => log };
  };
  it.each([false, true])('with a lock: %s — the same traces, each once, and the same outcomes', async (withLock) => {
    const p = prog(withLock);
    const brute = await bruteForce(p.s, p.log, 20_000);
    expect(brute).not.toBeNull();
    const d = await dporSplit(p.s, 1, p.log);
    expect(new Set(d.forms).size).toBe(d.forms.length);
    expect([...d.forms].sort()).toEqual([...new Set(brute!.forms)].sort());
    const set = (os: { findings: string }[]) => [...new Set(os.map((o) => o.findings))].sort();
    expect(set(d.outcomes)).toEqual(set(brute!.outcomes));
    expect(set(d.outcomes)).toEqual(withLock ? [''] : ['', 'mutual-exclusion']);
  });
});
