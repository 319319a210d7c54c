/**
 * `join!` polls its branches in order (docs/tokio.md "select!, join!"): tokio polls branch 0, then 1, …
 * within one poll of the join future, so branch i + 1's first poll comes after branch i's first poll
 * returned Pending (or completed). The same for a biased `select!`; an unbiased one starts from a random
 * branch, a scheduling choice. Async blocks run as sub-tasks: before, they could start in any order, so
 * `join(async acquire(2), async acquire(1))` on a FIFO Semaphore could serve the small request first,
 * which tokio never does. Each program is checked over every schedule (brute force), and DPOR must
 * explore the same traces, each once, with the same outcomes.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../../../../src/primitives/tokio/scenario.js';
import { spawn, yieldNow } from '../../../../src/primitives/tokio/task.js';
import { sleep } from '../../../../src/primitives/tokio/time.js';
import { select, join } from '../../../../src/primitives/tokio/select.js';
import { Semaphore } from '../../../../src/primitives/tokio/semaphore.js';
import { Mutex } from '../../../../src/primitives/tokio/mutex.js';
import { mpsc } from '../../../../src/primitives/tokio/mpsc.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { AtomicUsize, Ordering } from '../../../../src/primitives/rust/atomic.js';
import { UnsafeCell } from '../../../../src/primitives/rust/unsafe-cell.js';
import { bruteForce, dporSplit, type Outcome, outcomeSet, loggedProgram, type Log } from '../../scheduler/explore-helpers.js';
import { runTokio, kinds } from './helpers.js';

const prog = (name: string, body: (see: (who: string, v: unknown) => void) => Promise<unknown>) => loggedProgram(scenario, name, body);


/** Every outcome over every schedule (brute force), checked against DPOR: the same traces and outcomes. */
async function outcomesOf(p: ReturnType<typeof prog>): Promise<{ seen: Log[]; traces: number }> {
  const brute = await bruteForce(p.s, p.log, 20_000);
  expect(brute).not.toBeNull();
  expect(brute!.outcomes.filter((o) => o.findings !== '').map((o) => o.findings)).toEqual([]);
  const d = await dporSplit(p.s, 1, p.log);
  expect(new Set(d.forms).size).toBe(d.forms.length);
  expect([...d.forms].sort()).toEqual([...new Set(brute!.forms)].sort());
  expect(outcomeSet(d.outcomes)).toEqual(outcomeSet(brute!.outcomes));
  return { seen: outcomeSet(brute!.outcomes).map((o) => (JSON.parse(o) as Outcome).seen), traces: d.forms.length };
}

async function push(m: Mutex<string[]>, v: string): Promise<void> {
  const g = await m.lock();
  g.value.push(v);
  await drop(g);
}

describe('join! polls its branches in order', { timeout: 120_000 }, () => {
  it('join(acquire(2), acquire(1)) on a FIFO Semaphore serves the large request first, as an operation or an async block', async () => {
    // Main holds 2 of 3 permits while task 't' joins acquire(2) and acquire(1): branch 0 queues for 2 (it
    // is assigned the free one), then branch 1 queues behind it; nothing is served before main gives its
    // 2 back. Served first, the small request would take the free permit at once.
    for (const blocks of [false, true]) {
      const got = new Set<string>();
      const r = await runTokio(async () => {
        const sem = new Semaphore(3, { name: 'sem' });
        const held = (await sem.acquire(2)).unwrap();
        const order: string[] = [];
        const t = spawn(async () => {
          if (!blocks) {
            // An operation's first poll is its begin: these two begin in one step (in order before too).
            const [a, b] = await join(() => sem.acquire(2), () => sem.acquire(1));
            order.push(`${a.unwrap().numPermits()}+${b.unwrap().numPermits()}`);
            return;
          }
          await join(
            async () => {
              const p = (await sem.acquire(2)).unwrap();
              order.push('big');
              await drop(p);
            },
            async () => {
              const p = (await sem.acquire(1)).unwrap();
              order.push('small');
              await drop(p);
            },
          );
        }, 't');
        await sleep(1);
        got.add(`before the release: [${order.join(' ')}]`);
        await drop(held);
        (await t.join()).unwrap();
      }, { runs: 200 });
      expect(r.error?.message).toBeUndefined();
      expect(kinds(r)).toEqual([]);
      expect([...got]).toEqual(['before the release: []']);
    }
  });

  it('every schedule: the large request first (brute force and DPOR agree)', async () => {
    const { seen, traces } = await outcomesOf(
      prog('join-sem', async (see) => {
        const sem = new Semaphore(2);
        const held = (await sem.acquire()).unwrap();
        const t = spawn(async () => {
          await join(
            async () => {
              await drop((await sem.acquire(2)).unwrap());
              see('t', 'big');
            },
            async () => {
              await drop((await sem.acquire(1)).unwrap());
              see('t', 'small');
            },
          );
        }, 't');
        await drop(held);
        await t.join();
      }),
    );
    expect(seen).toEqual([{ t: ['big', 'small'] }]);
    expect(traces).toBeGreaterThan(1);
  });

  it('branch 1 starts only after branch 0 waits: a first poll that runs to its end before the next branch', async () => {
    // Branch 0 sends twice on a channel(2) before it waits (no Pending: both sends have room); branch 1
    // then sends once. tokio: 0, 0, then 1 — so the receiver always sees [0, 0, 1, 0].
    const { seen } = await outcomesOf(
      prog('join-first-poll', async (see) => {
        const [tx, rx] = mpsc.channel<number>(2);
        const t = spawn(async () => {
          await join(
            async () => {
              await tx.send(0);
              await tx.send(0);
              await tx.send(0); // full: Pending until main receives
            },
            async () => {
              await tx.send(1);
            },
          );
          await drop(tx);
        }, 't', );
        for (let v = await rx.recv(); v !== undefined; v = await rx.recv()) see('main', v);
        await t.join();
      }),
    );
    expect(seen).toEqual([{ main: [0, 0, 0, 1] }, { main: [0, 0, 1, 0] }]);
  });

  it('a yield ends a first poll: the next branch runs, then the yielding one goes on', async () => {
    const { seen } = await outcomesOf(
      prog('join-yield', async (see) => {
        const m = new Mutex<string[]>([]);
        await join(
          async () => {
            await push(m, 'a0');
            await yieldNow();
            await push(m, 'a1');
          },
          async () => {
            await push(m, 'b');
          },
        );
        see('main', (await m.lock()).value.join(' '));
      }),
    );
    // 'a0' first always; then the join polls 'b', whose lock is free, to its end in the same poll: the
    // yielding block resumes only at the join's next poll (it used to be able to push 'a1' first).
    expect(seen.map((s) => s.main![0]).sort()).toEqual(['a0 b a1']);
  });

  it('a block resuming after yield_now waits while another block is in the middle of its poll', async () => {
    // Block 'b' adds twice with no await between: one poll. Block 'a' yielded first, so it resumes after
    // that poll: it sees 2, never 0 or 1 (it used to resume between the two adds, or before the first).
    const { seen } = await outcomesOf(
      prog('join-yield-mid-poll', async (see) => {
        const a = new AtomicUsize(0, 'a');
        await join(
          async () => {
            await yieldNow();
            see('a', await a.load(Ordering.SeqCst));
          },
          async () => {
            await a.fetchAdd(1, Ordering.SeqCst);
            await a.fetchAdd(1, Ordering.SeqCst);
          },
        );
      }),
    );
    expect(seen).toEqual([{ a: [2] }]);
  });
});

describe('select!: biased polls in order, unbiased from a chosen start', { timeout: 120_000 }, () => {
  const twoAcquires = (biased: boolean) =>
    prog(`select-sem-${biased}`, async (see) => {
      const sem = new Semaphore(2);
      const held = (await sem.acquire()).unwrap();
      const t = spawn(async () => {
        const s = await select(
          [
            async () => {
              await drop((await sem.acquire(2)).unwrap());
              return 'big';
            },
            async () => {
              await drop((await sem.acquire(1)).unwrap());
              return 'small';
            },
          ],
          { biased },
        );
        see('t', s.value);
      }, 't');
      await drop(held);
      await t.join();
    });

  it('biased: branch 0 (acquire 2) queues first, so it wins when the permit comes back', async () => {
    const { seen } = await outcomesOf(twoAcquires(true));
    expect(seen).toEqual([{ t: ['big'] }]);
  });

  it('unbiased: which branch is polled first is a scheduling choice: either may win', async () => {
    const { seen } = await outcomesOf(twoAcquires(false));
    expect(seen.map((s) => s.t![0]).sort()).toEqual(['big', 'small']);
  });

  it('unbiased, operations: where the first poll starts decides which acquire queues first', async () => {
    // One permit of two is free. From branch 1, acquire(1) takes it at once and wins; from branch 0,
    // acquire(2) queues first and acquire(1) waits behind it (FIFO): acquire(2) wins once main gives its
    // permit back. The operations used to begin in index order only: 'small' was never seen.
    const { seen } = await outcomesOf(
      prog('select-sem-ops', async (see) => {
        const sem = new Semaphore(2);
        const held = (await sem.acquire()).unwrap();
        const t = spawn(async () => {
          const s = await select([sem.acquire(2), sem.acquire(1)]);
          see('t', s.index === 0 ? 'big' : 'small');
          await drop(s.value.unwrap());
        }, 't');
        await drop(held);
        await t.join();
      }),
    );
    expect(seen.map((x) => x.t![0]).sort()).toEqual(['big', 'small']);
  });

  it('unbiased, async blocks: their first polls come in one of the rotations, as tokio polls from a random start', async () => {
    // Each block logs its first poll, then waits. tokio polls 0 1 2, 1 2 0 or 2 0 1, all in one poll: no
    // timer fires in between (Execution.holdTime), so every block's first poll comes before any sleep
    // ends. The blocks used to start in any of the 6 orders, and a block's sleep could win before the
    // next block was ever polled.
    const { seen } = await outcomesOf(
      prog('select-rotations', async (see) => {
        const log: string[] = [];
        const block = (name: string) => async () => {
          log.push(name);
          await sleep(5);
          return name;
        };
        const s = await select([block('a'), block('b'), block('c')]);
        see('main', `${log.join('')} ${String(s.value)}`);
      }),
    );
    expect([...new Set(seen.map((x) => (x.main![0] as string).split(' ')[0]!))].sort()).toEqual(['abc', 'bca', 'cab']);
  });

  it('biased: a branch ready in its first poll wins and the later branches are never polled', async () => {
    const { seen } = await outcomesOf(
      prog('select-biased-ready', async (see) => {
        const log: string[] = [];
        const s = await select(
          [
            async () => {
              log.push('0');
              return 0;
            },
            async () => {
              log.push('1');
              return 1;
            },
          ],
          { biased: true },
        );
        see('main', `${s.index} ${log.join('')}`);
        await sleep(1);
      }),
    );
    expect(seen).toEqual([{ main: ['0 0'] }]);
  });
});

/**
 * After their first polls, the blocks of one join still run on one thread: a block's await cannot
 * resume while another block is in the middle of a poll (TokioOp.siblingMidPoll), and what one poll did
 * happens before the next poll of any block of the task (joinTaskPolls). Before: the blocks interleaved
 * freely at std operations after their first poll, and two blocks touching one UnsafeCell were a data race.
 */
describe('the blocks of one join are polled by one thread', { timeout: 120_000 }, () => {
  it('a block never sees another block between two std operations of one poll', async () => {
    const { seen } = await outcomesOf(
      prog('join-one-thread', async (see) => {
        const a = new AtomicUsize(0, 'a');
        await join(
          async () => {
            await sleep(1);
            await a.fetchAdd(1, Ordering.SeqCst);
            await a.fetchAdd(1, Ordering.SeqCst);
          },
          async () => {
            await sleep(1);
            see('b', await a.load(Ordering.SeqCst));
          },
        );
      }),
    );
    expect(seen).toEqual([{ b: [0] }, { b: [2] }]);
  });

  it('two blocks of one join writing and reading one UnsafeCell across awaits: no data race', async () => {
    const r = await runTokio(async () => {
      const cell = new UnsafeCell(0, 'cell');
      await join(
        async () => {
          await cell.set(1);
          await sleep(1);
          await cell.set(2);
        },
        async () => {
          void (await cell.get());
          await sleep(1);
          void (await cell.get());
        },
      );
    }, { runs: 200 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('the same accesses from two tasks are still a data race', async () => {
    const r = await runTokio(async () => {
      const cell = new UnsafeCell(0, 'cell');
      const h = spawn(async () => {
        await sleep(1);
        await cell.set(2);
      }, 'w');
      await sleep(1);
      void (await cell.get());
      await h.join();
    }, { runs: 200 });
    expect(kinds(r)).toContain('data-race');
  });
});
