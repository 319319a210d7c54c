/**
 * The worker pool (primitives/tokio/workers.ts) against brute force: a task entering or leaving a std
 * call that waits changes the pool's gate, every task's step reads it, so DPOR must explore the same
 * Mazurkiewicz traces as plain DFS over every schedule (each once) and see the same outcomes, on
 * current_thread (one worker, main's body on it) and on 2 workers. A gate change not recorded loses a
 * trace or an outcome (e.g. the schedules where a task starves behind a blocked worker).
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../../src/api/scenario.js';
import { scenario } from '../../../../src/primitives/tokio/scenario.js';
import { spawn, spawnBlocking, yieldNow } from '../../../../src/primitives/tokio/task.js';
import { join } from '../../../../src/primitives/tokio/select.js';
import { Mutex } from '../../../../src/primitives/rust/mutex.js';
import { mpsc as stdMpsc } from '../../../../src/primitives/rust/mpsc.js';
import { thread } from '../../../../src/primitives/rust/thread.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { bruteForce, dporSplit, outcomeSet } from '../../scheduler/explore-helpers.js';

type Log = Record<string, unknown[]>;
type Runtime = { flavor: 'current_thread' } | { flavor: 'multi_thread'; workers: number };

function prog(name: string, runtime: Runtime, body: (see: (who: string, v: unknown) => void) => Promise<unknown>): { s: Scenario; log: () => Log } {
  let log: Log = {};
  const s = scenario({ name, runtime }, async () => {
    log = {};
    await body((who, v) => void (log[who] ??= []).push(v));
  });
  return { s, log: () => Object.fromEntries(Object.entries(log).sort(([a], [b]) => (a < b ? -1 : 1))) };
}

const CT: Runtime = { flavor: 'current_thread' };
const MT2: Runtime = { flavor: 'multi_thread', workers: 2 };

const programs: [string, ReturnType<typeof prog>][] = [
  [
    'current_thread: a std sleep in one task against a yielding task and main',
    prog('w1', CT, async (see) => {
      const a = spawn(async () => {
        see('a', 1);
        await thread.sleep(5);
        see('a', 2);
      }, 'a');
      const b = spawn(async () => {
        see('b', 1);
        await yieldNow();
        see('b', 2);
      }, 'b');
      await a.join();
      await b.join();
    }),
  ],
  [
    'current_thread: a std Mutex held across an await, against a second task locking it',
    prog('w2', CT, async (see) => {
      const m = new Mutex(0, 'm');
      const bump = (who: string) => async () => {
        const g = (await m.lock()).unwrap();
        see(who, g.value);
        await yieldNow();
        g.value += 1;
      };
      spawn(bump('a'), 'a');
      spawn(bump('b'), 'b');
    }),
  ],
  [
    'current_thread: a task in a std recv whose sender is another task',
    prog('w3', CT, async (see) => {
      const [tx, rx] = stdMpsc.channel<number>('c');
      spawn(async () => see('r', (await rx.recv()).unwrap()), { name: 'r', move: [rx] });
      spawn(async () => {
        await yieldNow();
        await tx.send(7);
      }, { name: 's', move: [tx] });
    }),
  ],
  [
    '2 workers: two tasks in std locks held by main across an await, both workers held',
    prog('w4', MT2, async (see) => {
      const m = new Mutex(0, 'm');
      const g = (await m.lock()).unwrap();
      const lockers = ['a', 'b'].map((who) =>
        spawn(async () => {
          const h = (await m.lock()).unwrap();
          see(who, h.value);
          h.value += 1;
        }, who),
      );
      await yieldNow();
      await drop(g);
      for (const h of lockers) await h.join();
    }),
  ],
  [
    '2 workers: a spawnBlocking thread and a task both in std recv, main sends twice',
    prog('w5', MT2, async (see) => {
      const [tx, rx] = stdMpsc.syncChannel<number>(0, 'c');
      const [tx2, rx2] = stdMpsc.syncChannel<number>(0, 'd');
      spawnBlocking(async () => see('blk', (await rx.recv()).unwrap()), { name: 'blk', move: [rx] });
      spawn(async () => see('t', (await rx2.recv()).unwrap()), { name: 't', move: [rx2] });
      spawn(async () => {
        await yieldNow();
        see('y', 1);
      }, 'y');
      await tx2.send(2);
      await tx.send(1);
    }),
  ],
  [
    '2 workers: two tasks in std sleeps hold both workers, a third task waits for one',
    prog('w6', MT2, async (see) => {
      for (const who of ['a', 'b']) spawn(async () => {
        await thread.sleep(1);
        see(who, 'woke');
      }, who);
      spawn(async () => see('c', 'ran'), 'c');
    }),
  ],
  [
    'current_thread: an async block in a std sleep holds the worker for its siblings and its task',
    prog('w7', CT, async (see) => {
      spawn(async () => {
        await join(
          async () => {
            await thread.sleep(1);
            see('x', 'slept');
          },
          async () => {
            await yieldNow();
            see('y', 'yielded');
          },
        );
        see('a', 'joined');
      }, 'a');
      spawn(async () => see('b', 'ran'), 'b');
    }),
  ],
];


describe('tokio worker threads: DPOR against brute force', { timeout: 180_000 }, () => {
  it.each(programs)('%s: the same traces, each once, and the same outcomes', async (_name, p) => {
    const brute = await bruteForce(p.s, p.log, 20_000);
    expect(brute).not.toBeNull();
    const d = await dporSplit(p.s, 1, p.log);
    expect(new Set(d.forms).size).toBe(d.forms.length);
    expect([...d.forms].sort()).toEqual([...new Set(brute!.forms)].sort());
    expect(outcomeSet(d.outcomes)).toEqual(outcomeSet(brute!.outcomes));
  });
});
