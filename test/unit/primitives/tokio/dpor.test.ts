/**
 * The footprints of tokio's lazy operations against brute force: DPOR must explore the same
 * Mazurkiewicz traces as plain DFS over every schedule (each once) and see the same outcomes. A footprint
 * too weak (two dependent steps said to commute) loses traces or outcomes; one too strong adds traces.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../../../../src/primitives/tokio/scenario.js';
import { spawn, yieldNow, JoinSet } from '../../../../src/primitives/tokio/task.js';
import { sleep, sleepBranch, timeout } from '../../../../src/primitives/tokio/time.js';
import { select, join } from '../../../../src/primitives/tokio/select.js';
import { CancellationToken } from '../../../../src/primitives/tokio/token.js';
import { panic } from '../../../../src/primitives/rust/panic.js';
import { AtomicUsize, Ordering } from '../../../../src/primitives/rust/atomic.js';
import { Notify } from '../../../../src/primitives/tokio/notify.js';
import { bruteForce, dporSplit, outcomeSet, loggedProgram } from '../../scheduler/explore-helpers.js';

const prog = (name: string, body: (see: (who: string, v: unknown) => void) => Promise<unknown>) => loggedProgram(scenario, name, body);


export const programs: [string, ReturnType<typeof prog>][] = [
  [
    'select on a token against its cancel and a sleep',
    prog('t1', async (see) => {
      const token = new CancellationToken();
      const h = spawn(async () => see('w', (await select([token.cancelledBranch(), sleepBranch(5)])).index), 'w');
      token.cancel();
      see('main', token.isCancelled());
      await h.join();
    }),
  ],
  [
    'abort against the task\'s awaits and its end',
    prog('t2', async (see) => {
      const h = spawn(async () => {
        see('w', 'started');
        await sleep(0);
        see('w', 'slept');
        await sleep(0);
        return 1;
      }, 'w');
      see('main', h.isFinished());
      h.abort();
      see('main', String(await h.join()));
    }),
  ],
  [
    'timeout of a join against the task\'s end',
    prog('t3', async (see) => {
      const h = spawn(async () => {
        await sleep(3);
        return 'v';
      }, 'w');
      see('main', String(await timeout(3, () => h.join())));
      see('main', h.isFinished());
    }),
  ],
  [
    'two tasks selecting on one token, cancelled by a third',
    prog('t4', async (see) => {
      const token = new CancellationToken();
      const child = token.childToken();
      const a = spawn(async () => see('a', (await select([child.cancelledBranch(), sleepBranch(2)])).index), 'a');
      const b = spawn(async () => see('b', (await select([token.cancelledBranch(), token.cancelledBranch()])).index), 'b');
      token.cancel();
      await join(() => a.join(), () => b.join());
    }),
  ],
  [
    'JoinSet: the order tasks end in against joinNext, one aborted',
    prog('t5', async (see) => {
      const set = new JoinSet<string>();
      set.spawn(async () => 'x', 'x');
      const y = set.spawn(async () => {
        await sleep(0);
        return 'y';
      }, 'y');
      y.abort();
      for (;;) {
        const r = await set.joinNext();
        if (r === undefined) break;
        see('main', String(r));
      }
    }),
  ],
  [
    'a panic observed by join, or a panic after the handle was dropped',
    prog('t6', async (see) => {
      const h = spawn(async () => {
        await sleep(0);
        panic('p');
      }, 'w');
      const r = await select([h.joinBranch(), sleepBranch(0)]);
      see('main', r.index);
    }),
  ],
  [
    'timeout over a select, against a token cancelled by another task',
    prog('t7', async (see) => {
      const token = new CancellationToken();
      const c = spawn(async () => {
        await sleep(1);
        token.cancel();
      }, 'c');
      const r = await timeout(1, () => select([token.cancelledBranch(), sleepBranch(1)]));
      see('main', r.isOk() ? r.value.index : 'elapsed');
      await c.join();
    }),
  ],
  [
    'abort of a task blocked in a select, against a second abort and its drops',
    prog('t8', async (see) => {
      const token = new CancellationToken();
      const h = spawn(async () => {
        see('w', 'in');
        await select([token.cancelledBranch()]);
        see('w', 'not reached');
      }, 'w');
      const k = spawn(async () => {
        h.abort();
      }, 'k');
      see('main', h.isFinished());
      see('main', String(await h.join()));
      await k.join();
    }),
  ],
  [
    'join of two async closures against a token cancelled by another task',
    prog('t9', async (see) => {
      const token = new CancellationToken();
      const c = spawn(async () => token.cancel(), 'c');
      const [x, y] = await join(
        async () => {
          await token.cancelled();
          return 'x';
        },
        async () => token.isCancelled(),
      );
      see('main', `${x} ${String(y)}`);
      await c.join();
    }),
  ],
  [
    'a timeout over an async closure against the closure\'s end (the closure dropped before timeout returns)',
    prog('t10', async (see) => {
      const r = await timeout(2, async () => {
        await sleep(1);
        see('inner', 'slept');
        await sleep(1);
        return 'done';
      });
      see('main', String(r));
    }),
  ],
  [
    'yieldNow as a cancellation point against an abort',
    prog('t11', async (see) => {
      const w = spawn(async () => {
        await yieldNow();
        see('w', 1);
        await yieldNow();
        see('w', 2);
      }, 'w');
      await yieldNow();
      w.abort();
      see('main', String(await w.join()));
    }),
  ],
  [
    // A reversal the recorder could not rule out (main's completion of join(b), before b ended) sat in
    // a wakeup tree as a leaf and "covered" (a, timer, select, b): 102 traces of 114 before the fix.
    'two cancellers of one token against a select on it and a sleep',
    prog('t12', async (see) => {
      const tk = new CancellationToken();
      const a = spawn(async () => {
        tk.cancel();
      }, 'a');
      const b = spawn(async () => {
        tk.cancel();
      }, 'b');
      const c = spawn(async () => {
        see('c', (await select([tk.cancelledBranch(), sleep(1)])).index);
      }, 'c');
      await a.join();
      await b.join();
      await c.join();
    }),
  ],
  [
    // The blocks of one join are polled by one thread: an await of one block cannot resume while the
    // other is in the middle of a poll (at a std operation) or is being polled for the first time.
    'two async blocks of one join, resuming at awaits between std operations',
    prog('t13', async (see) => {
      const a = new AtomicUsize(0, 'a');
      const n = new Notify({ name: 'n' });
      const w = spawn(async () => n.notifyOne(), 'w');
      await join(
        async () => {
          await n.notified();
          await a.fetchAdd(1, Ordering.SeqCst);
          await a.fetchAdd(1, Ordering.SeqCst);
        },
        async () => {
          see('b', await a.load(Ordering.SeqCst));
          await sleep(0);
          see('b', await a.load(Ordering.SeqCst));
        },
      );
      await w.join();
    }),
  ],
  [
    'a join nested in an async block shares its task with the outer blocks',
    prog('t14', async (see) => {
      const a = new AtomicUsize(0, 'a');
      await join(
        async () => {
          await join(
            async () => {
              await sleep(0);
              await a.fetchAdd(1, Ordering.SeqCst);
              await a.fetchAdd(1, Ordering.SeqCst);
            },
            async () => see('inner', await a.load(Ordering.SeqCst)),
          );
        },
        async () => {
          await sleep(0);
          see('outer', await a.load(Ordering.SeqCst));
        },
      );
    }),
  ],
];

describe('tokio: DPOR against brute force', { timeout: 120_000 }, () => {
  it.each(programs)('%s: the same traces, each once, and the same outcomes', async (_name, p) => {
    const brute = await bruteForce(p.s, p.log, 20_000);
    expect(brute).not.toBeNull();
    const d = await dporSplit(p.s, 1, p.log);
    expect(new Set(d.forms).size).toBe(d.forms.length);
    expect([...d.forms].sort()).toEqual([...new Set(brute!.forms)].sort());
    expect(outcomeSet(d.outcomes)).toEqual(outcomeSet(brute!.outcomes));
  });
});
