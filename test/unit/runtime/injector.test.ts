/**
 * The fault injector (runtime/injector.ts), flavour-neutral: a source's faults are offered as a thread the
 * strategy may pick, only while a thread of a group can run and the budget lasts; the injector is never
 * live (no deadlock or leak names it, and it keeps no execution going); a seed replays the same faults.
 */
import { describe, expect, it } from 'vitest';
import { go, yieldNow } from '../../../src/api/goroutines.js';
import { currentExecution } from '../../../src/runtime/current.js';
import { Channel } from '../../../src/primitives/go/channel.js';
import type { FaultSource } from '../../../src/runtime/injector.js';
import type { Thread, ThreadGroup } from '../../../src/runtime/thread.js';
import { run } from '../../helpers.js';

const group: ThreadGroup = { label: "group 'g'", adopt: () => {} };

/** Registers a source whose faults append to `log`; returns nothing (runs in main). */
function source(log: string[], offers = 2): void {
  const exec = currentExecution('test');
  const s: FaultSource = {
    offers: () => Array.from({ length: offers }, (_, i) => ({ what: `fault ${i}`, inject: () => log.push(`fault ${i} at step ${exec.steps}`) })),
    offersAny: () => offers > 0,
    touches: () => [],
  };
  exec.addFaultSource(s);
}

function inGroup(fn: () => Promise<unknown>, name: string): Thread {
  const exec = currentExecution('test');
  const t = exec.threads[go(fn, name).id]!;
  t.group = group;
  return t;
}

describe('the fault injector', () => {
  it('injects at most --max-faults faults, only while a thread of a group can run', async () => {
    const logs: string[][] = [];
    const r = await run(async () => {
      const log: string[] = [];
      logs.push(log);
      source(log);
      for (let i = 0; i < 5; i++) await yieldNow(); // only main runs: nothing is offered
      (log as string[] & { mainDone?: number }).mainDone = currentExecution('t').steps;
      inGroup(async () => {
        for (let i = 0; i < 5; i++) await yieldNow();
      }, 'worker');
    }, { runs: 50, faults: { kinds: ['any'], max: 2 } });
    expect(r.findings).toEqual([]);
    expect(logs.some((l) => l.length > 0)).toBe(true);
    for (const l of logs) {
      expect(l.length).toBeLessThanOrEqual(2);
      const from = (l as string[] & { mainDone?: number }).mainDone ?? 0;
      for (const f of l) expect(Number(f.split(' at step ')[1])).toBeGreaterThan(from);
    }
  });

  it('without --faults, or with --max-faults 0, nothing is injected', async () => {
    for (const faults of [undefined, { kinds: ['any'], max: 0 }]) {
      const logs: string[][] = [];
      await run(async () => {
        const log: string[] = [];
        logs.push(log);
        source(log);
        inGroup(async () => {
          for (let i = 0; i < 5; i++) await yieldNow();
        }, 'worker');
      }, { runs: 20, ...(faults && { faults }) });
      expect(logs.every((l) => l.length === 0)).toBe(true);
    }
  });

  it('the injector is never live: a deadlock names only the goroutines', async () => {
    const r = await run(async () => {
      source([]);
      const ch = new Channel<number>();
      inGroup(async () => {
        await ch.recv();
      }, 'worker');
      await ch.recv();
    }, { runs: 5, faults: { kinds: ['any'], max: 1 } });
    expect(r.findings.map((f) => f.kind)).toEqual(['deadlock']);
    expect(r.findings[0]!.threads.map((t) => t.name).sort()).toEqual(['main', 'worker']);
  });
});
