import { describe, expect, it } from 'vitest';
import { TimerQueue, releaseToTimer } from '../../../src/runtime/timers.js';
import { Execution, type ExecutionResult } from '../../../src/runtime/execution.js';
import type { Strategy } from '../../../src/runtime/strategy.js';
import type { Thread } from '../../../src/runtime/thread.js';
import { peekCurrentExecution } from '../../../src/runtime/current.js';
import { go, yieldNow, sleep, after, now, Channel, assert } from '../../../src/index.js';

describe('TimerQueue', () => {
  it('keeps timers in deadline order; ties in creation order', () => {
    const q = new TimerQueue();
    const fired: string[] = [];
    const c = q.add(30, 'c', () => fired.push('c'));
    const a = q.add(10, 'a', () => fired.push('a'));
    const b1 = q.add(20, 'b1', () => {});
    const b2 = q.add(20, 'b2', () => {});
    expect(q.size).toBe(4);
    expect(q.nextDeadline()).toBe(10);
    expect(q.earliest()).toEqual([a]);
    q.take(a);
    expect(a.active).toBe(false);
    expect(q.earliest()).toEqual([b1, b2]);
    expect(q.nextDeadline()).toBe(20);
    expect(q.cancel(b2)).toBe(true);
    expect(q.cancel(b2)).toBe(false);
    expect(q.earliest()).toEqual([b1]);
    q.take(b1);
    expect(q.earliest()).toEqual([c]);
    q.take(c);
    expect(q.size).toBe(0);
    expect(q.earliest()).toEqual([]);
    expect(q.nextDeadline()).toBe(Infinity);
  });

  it('an add leaves the queue version alone (the explorer sees its deadline: TimerQueue.adds); a stop and a firing change it', () => {
    const q = new TimerQueue();
    q.trackAdds = true;
    const v0 = q.version;
    const later = q.add(25, 'later', () => {});
    q.add(4, 'earlier', () => {});
    expect(q.version).toBe(v0);
    expect(q.adds).toEqual([25, 4]);
    expect(q.nextDeadline()).toBe(4);
    q.cancel(later);
    expect(q.version).toBe(v0 + 1);
    q.take(q.earliest()[0]!);
    expect(q.version).toBe(v0 + 2);
    expect(q.adds).toEqual([25, 4]);
  });

  it('handles many timers added out of order', () => {
    const q = new TimerQueue();
    const deadlines = Array.from({ length: 200 }, (_, i) => (i * 7919) % 101);
    for (const d of deadlines) q.add(d, String(d), () => {});
    const out: number[] = [];
    while (q.size > 0) {
      const e = q.earliest();
      expect(new Set(e.map((t) => t.deadline)).size).toBe(1);
      for (let i = 1; i < e.length; i++) expect(e[i]!.id).toBeGreaterThan(e[i - 1]!.id);
      out.push(e[0]!.deadline);
      q.take(e[0]!);
    }
    expect(out).toEqual([...deadlines].sort((x, y) => x - y));
  });

  it('rejects a NaN deadline', () => {
    expect(() => new TimerQueue().add(NaN, 'bad', () => {})).toThrow(/NaN/);
  });
});

/** A strategy that records what it was offered and answers from a fixed policy. */
class Probe implements Strategy {
  readonly name = 'probe';
  offers: { enabled: number; timerReady: boolean }[] = [];
  choices: string[] = [];
  constructor(
    private readonly policy: (enabled: readonly Thread[], timerReady: boolean) => number,
    private readonly choice: (kind: string, n: number) => number = () => 0,
  ) {}
  beginExecution(index: number): { seed?: number } | null {
    return index === 0 ? {} : null;
  }
  pickThread(enabled: readonly Thread[], _step: number, timerReady: boolean): number {
    this.offers.push({ enabled: enabled.length, timerReady });
    return this.policy(enabled, timerReady);
  }
  pickChoice(kind: string, n: number): number {
    this.choices.push(`${kind}/${n}`);
    return this.choice(kind, n);
  }
}

function execute(strategy: Strategy, body: () => Promise<unknown>, timeMode: 'free' | 'synctest' = 'free'): Promise<ExecutionResult> {
  strategy.beginExecution(0);
  const exec = new Execution({
    strategy,
    stepLimit: 10_000,
    leakStepBound: 1_000,
    captureLocations: false,
    recordTrace: true,
    timeMode,
  });
  return exec.run(body);
}

describe('timers in the step loop', () => {
  it("free mode: firing the earliest timer is offered at every step, and recorded as 'T'", async () => {
    const probe = new Probe((enabled, timerReady) => (timerReady ? enabled.length : 0));
    let seen = -1;
    const r = await execute(probe, async () => {
      const c = after(10);
      go(async () => {
        for (let i = 0; i < 3; i++) await yieldNow();
      });
      await yieldNow();
      seen = now(); // the strategy fired the timer at the first chance
      assert((await c.recv()) === 10);
    });
    expect(r.findings).toEqual([]);
    expect(probe.offers.some((o) => o.timerReady && o.enabled > 0)).toBe(true);
    expect(seen).toBe(10);
    expect(r.schedule.split('.')).toContain('T');
  });

  it('synctest mode: the timer is never offered while a goroutine can run', async () => {
    const probe = new Probe(() => 0);
    const r = await execute(
      probe,
      async () => {
        const c = after(10);
        go(async () => {
          for (let i = 0; i < 3; i++) await yieldNow();
        });
        for (let i = 0; i < 3; i++) await yieldNow();
        assert(now() === 0);
        await c.recv();
        assert(now() === 10);
      },
      'synctest',
    );
    expect(r.findings).toEqual([]);
    expect(probe.offers.every((o) => !o.timerReady)).toBe(true);
    expect(r.trace!.some((e) => e.threadName === 'timer' && e.time === 10)).toBe(true);
  });

  it('ties between timers with one deadline are a recorded choice', async () => {
    const probe = new Probe(() => 0, () => 1);
    const order: string[] = [];
    const r = await execute(
      probe,
      async () => {
        const a = after(5);
        const b = after(5);
        const out = new Channel<string>(2);
        go(async () => out.send(`a${await a.recv()}`));
        go(async () => out.send(`b${await b.recv()}`));
        order.push((await out.recv())!, (await out.recv())!);
      },
      'synctest',
    );
    expect(r.findings).toEqual([]);
    expect(probe.choices).toContain('timer/2');
    expect(order).toEqual(['b5', 'a5']); // the choice 1 fired the second timer first
  });

  it('a sleeping goroutine is not a deadlock; virtual time jumps to its deadline', async () => {
    const probe = new Probe(() => 0);
    const r = await execute(probe, async () => {
      await sleep(1_000_000);
      assert(now() === 1_000_000);
    });
    expect(r.findings).toEqual([]);
    expect(r.steps).toBeLessThan(10);
  });
});

describe('releaseToTimer', () => {
  it('snapshots the clock, then ticks the goroutine', async () => {
    const probe = new Probe(() => 0);
    let ok = false;
    await execute(probe, async () => {
      await yieldNow();
      const exec = peekCurrentExecution()!;
      const t = exec.running!;
      const before = t.clock.get(t.id);
      const snap = releaseToTimer(t)!;
      ok = snap.get(t.id) === before && t.clock.get(t.id) === before + 1 && releaseToTimer(null) === null;
    });
    expect(ok).toBe(true);
  });
});
