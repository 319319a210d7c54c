import { describe, expect, it } from 'vitest';
import { go, yieldNow, shared, WaitGroup } from '../../../../src/index.js';
import { run, kinds } from '../../../helpers.js';

describe('WaitGroup', () => {
  it('done happens-before wait returns: no race', async () => {
    const r = await run(async () => {
      const x = shared('x', 0);
      const wg = new WaitGroup();
      await wg.add(2);
      for (let i = 0; i < 2; i++) go(async () => {
        await yieldNow();
        await wg.done();
      });
      go(async () => {}, 'idle');
      await wg.wait();
      await x.write(1);
      const y = shared('y', 0);
      const wg2 = new WaitGroup();
      await wg2.add(1);
      go(async () => {
        await y.write(5);
        await wg2.done();
      });
      await wg2.wait();
      await y.read();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('panics on a negative counter, which a goroutine may recover from', async () => {
    const r = await run(async () => {
      const wg = new WaitGroup();
      await wg.add(1);
      await wg.done();
      await wg.done();
    });
    expect(r.findings.map((f) => [f.kind, f.message])).toEqual([['negative-waitgroup-counter', 'sync: negative WaitGroup counter']]);
    const recovered = await run(async () => {
      const wg = new WaitGroup();
      try {
        await wg.add(-1);
      } catch {
        /* recovered */
      }
    });
    expect(kinds(recovered)).toEqual([]);
  });

  it('catches a late Add on every schedule (Add from zero not ordered with Wait)', async () => {
    const r = await run(async () => {
      const wg = new WaitGroup({ name: 'wg' });
      for (let i = 0; i < 2; i++) go(async () => {
        await wg.add(1);
        await wg.done();
      });
      await wg.wait();
    });
    expect(r.executions).toBe(1);
    expect(r.findings.map((f) => [f.kind, f.message])).toEqual([
      ['waitgroup-misuse', 'sync: WaitGroup misuse: Add called concurrently with Wait'],
    ]);
  });

  it('reports reuse before the previous Wait returned on some schedules', async () => {
    const r = await run(async () => {
      const wg = new WaitGroup();
      await wg.add(1);
      go(async () => {
        await wg.done();
        await wg.add(1);
      });
      await wg.wait();
    });
    expect(kinds(r)).toContain('waitgroup-misuse');
    expect(r.findings.some((f) => /reused before previous Wait has returned|Add called concurrently/.test(f.message))).toBe(true);
  });

  it('a missing Done deadlocks', async () => {
    const r = await run(async () => {
      const wg = new WaitGroup();
      await wg.add(2);
      go(async () => wg.done());
      await wg.wait();
    });
    expect(kinds(r)).toEqual(['deadlock']);
    expect(r.findings[0]!.threads[0]!.waitingOn).toMatch(/wait of WaitGroup .*counter 1/);
  });

  it('may be reused once Wait has returned', async () => {
    const r = await run(async () => {
      const wg = new WaitGroup();
      for (let round = 0; round < 2; round++) {
        await wg.add(2);
        for (let i = 0; i < 2; i++) go(async () => wg.done());
        await wg.wait();
      }
    });
    expect(kinds(r)).toEqual([]);
  });
});
