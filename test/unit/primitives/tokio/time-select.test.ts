import { describe, expect, it } from 'vitest';
import { spawn } from '../../../../src/primitives/tokio/task.js';
import { sleep, sleepUntil, sleepBranch, timeout, interval, Instant } from '../../../../src/primitives/tokio/time.js';
import { select, join } from '../../../../src/primitives/tokio/select.js';
import { CancellationToken } from '../../../../src/primitives/tokio/token.js';
import { now } from '../../../../src/api/time.js';
import { own, DROP } from '../../../../src/primitives/rust/ownership.js';
import { assert, panic, catchUnwind } from '../../../../src/primitives/rust/panic.js';
import { runTokio, kinds } from './helpers.js';

const synctest = { timeMode: 'synctest' as const };

describe('tokio time', () => {
  it('sleep, sleepUntil and Instant on the virtual clock; a future is lazy until awaited', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const start = Instant.now();
      const lazy = sleep(10); // deadline fixed now (tokio): 10
      got.push(now());
      await sleep(4);
      await lazy;
      got.push(now(), start.elapsed(), Instant.now().durationSince(start));
      await sleepUntil(start.add(25));
      await sleepUntil(3); // already passed: ready at once
      got.push(now());
    }, { runs: 5 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual([0, 10, 10, 10, 25]);
  });

  it('interval: the first tick is immediate, then one per period', async () => {
    const got: unknown[] = [];
    await runTokio(async () => {
      got.length = 0;
      const iv = interval(10);
      for (let i = 0; i < 3; i++) got.push((await iv.tick()).ms);
      got.push(now());
    }, { runs: 2 });
    expect(got).toEqual([0, 10, 20, 20]);
  });

  it('a tick that loses a select is not consumed (cancel safe)', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const iv = interval(10);
      await iv.tick(); // 0
      const s = await select([iv.tick(), sleepBranch(5)], { biased: true });
      got.push(s.index, now());
      got.push((await iv.tick()).ms, now());
    }, { runs: 5, timeMode: 'synctest' });
    expect(r.error).toBeUndefined();
    expect(got).toEqual([1, 5, 10, 10]);
  });

  it('timeout: Ok when the operation completes first, Err(Elapsed) otherwise, and the operation is cancelled', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const h = spawn(async () => {
        await sleep(50);
        return 'late';
      }, 'slow');
      const a = await timeout(10, () => h.join());
      got.push(String(a), now());
      const b = await timeout(100, () => h.join());
      got.push(String(b), now());
      const c = await timeout(5, () => sleep(1000));
      got.push(String(c), now());
    }, { runs: 5, ...synctest });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    // The cancelled sleep(1000) does not hold main: its timer's firing, if it comes, does nothing.
    expect(got).toEqual(['Err(Elapsed(()))', 10, 'Ok(Ok("late"))', 50, 'Err(Elapsed(()))', 55]);
  });

  it('awaiting one future twice is a scenario error (a Rust future is moved into its await)', async () => {
    // Regression: the second await used to return the first result again, silently.
    const twiceJoin = await runTokio(async () => {
      const h = spawn(async () => 1, 'one');
      const f = h.join();
      await f;
      await f;
    }, { runs: 1 });
    expect(twiceJoin.error?.message).toMatch(/^await: this join of task 'one' was already awaited \(a future is polled by one owner/);
    const twiceSleep = await runTokio(async () => {
      const f = sleep(1);
      await f;
      await f;
    }, { runs: 1 });
    expect(twiceSleep.error?.message).toMatch(/^await: this sleep\(1\) until 1 ms was already awaited/);
  });

  it('a function that returns a Promise without being async is a scenario error that says what to give', async () => {
    const r = await runTokio(async () => {
      const inner = async () => 1;
      await timeout(5, () => inner());
    }, { runs: 1 });
    expect(r.error?.message).toMatch(/timeout\(ms, f\): f: got a Promise/);
  });

  it('async closures in join, timeout and select run as sub-tasks of the task; a lost one is aborted and drops its values', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const [a, b] = await join(
        async () => {
          await sleep(10);
          return 'a';
        },
        async () => {
          await sleep(5);
          await sleep(10);
          return 'b';
        },
      );
      got.push(a, b, now());
      const t = await timeout(10, async () => {
        own({ [DROP]: () => void got.push('dropped') }, 'resource');
        await sleep(100);
        got.push('not reached');
      });
      got.push(String(t), now());
      const s = await select([async () => {
        await sleep(1);
        return 'first';
      }, sleepBranch(50)]);
      got.push(s.index, s.value, now());
    }, { runs: 10, ...synctest });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    // The timed-out closure's values are dropped before timeout returns, as Rust drops the future.
    expect(got).toEqual(['a', 'b', 15, 'dropped', 'Err(Elapsed(()))', 25, 0, 'first', 26]);
  });

  it('a panic in a join branch is re-raised in the task; the other branches are dropped first', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const c = await catchUnwind(() =>
        join(
          async () => {
            await sleep(1);
            panic('in branch');
          },
          async () => {
            own({ [DROP]: () => void got.push('other dropped') }, 'resource');
            await sleep(100);
            got.push('not reached');
          },
        ),
      );
      got.push(c.isErr() ? c.error.message : 'no panic', now());
    }, { runs: 5, timeMode: 'synctest' });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual(['other dropped', 'in branch', 1]);
    const uncaught = await runTokio(async () => {
      await join(async () => panic('in branch'), () => sleep(5));
    }, { runs: 3 });
    expect(kinds(uncaught)).toEqual(['panic']);
    expect(uncaught.findings[0]!.message).toContain('in branch');
  });
});

describe('tokio select and join', () => {
  it('the first ready branch wins; the others are cancelled (their timers are gone)', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const r1 = await select([sleepBranch(30), sleepBranch(10), sleep(20)]);
      got.push(r1.index, now());
      await sleep(100);
      got.push(now());
    }, { runs: 5, ...synctest });
    expect(r.error).toBeUndefined();
    expect(got).toEqual([1, 10, 110]);
  });

  it('which of several ready branches wins is a scheduling choice; biased takes the first', async () => {
    const wins = new Set<number>();
    const biasedWins = new Set<number>();
    await runTokio(async () => {
      const t = new CancellationToken();
      t.cancel();
      wins.add((await select([t.cancelledBranch(), sleepBranch(0)])).index);
      biasedWins.add((await select([t.cancelledBranch(), sleepBranch(0)], { biased: true })).index);
    }, { runs: 40 });
    expect([...wins].sort()).toEqual([0, 1]);
    expect([...biasedWins]).toEqual([0]);
  });

  it('select with a CancellationToken stops a worker loop (seed 003)', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const token = new CancellationToken();
      const child = token.childToken();
      const h = spawn(async () => {
        let n = 0;
        for (;;) {
          const s = await select([child.cancelledBranch(), sleepBranch(10)]);
          if (s.index === 0) return n;
          n++;
        }
      }, 'worker');
      await sleep(35);
      token.cancel();
      got.push(child.isCancelled(), (await h.join()).unwrap(), now());
    }, { runs: 10, ...synctest });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual([true, 3, 35]);
  });

  it('a cancelled() that waits is woken by cancel; a child of a cancelled token is cancelled at once', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const token = new CancellationToken();
      const h = spawn(async () => {
        await token.cancelled();
        return token.childToken().isCancelled();
      }, 'waiter');
      await sleep(5);
      got.push(token.isCancelled());
      token.cancel();
      got.push((await h.join()).unwrap());
    }, { runs: 10 });
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual([false, true]);
  });

  it('join runs its operations concurrently and gives their values in order', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const a = spawn(async () => 'a', 'a');
      const [x, y, z] = await join(
        () => sleep(10),
        () => a.join(),
        () => sleep(20),
      );
      got.push(x, y.unwrap(), z, now());
    }, { runs: 5, ...synctest });
    expect(r.error).toBeUndefined();
    expect(got).toEqual([undefined, 'a', undefined, 20]);
  });

  it('a task waiting in a select with nothing that can ever be ready is a deadlock naming it', async () => {
    const r = await runTokio(async () => {
      const token = new CancellationToken({ name: 'stop' });
      const h = spawn(async () => {
        await select([token.cancelledBranch()]);
      }, 'worker');
      await h.join();
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['deadlock']);
    expect(r.findings[0]!.message).toBe('every task is blocked forever');
    expect(r.findings[0]!.details?.join('\n')).toContain("task 'worker' is blocked in select (cancelled() of token 'stop')");
  });

  it('the timeline shows the branch that won and the ones cancelled', async () => {
    const { runScenario } = await import('../../../../src/harness/runs.js');
    const { scenario } = await import('../../../../src/primitives/tokio/scenario.js');
    const r = await runScenario(
      scenario({ name: 't', expect: ['assertion'] }, async () => {
        const t = new CancellationToken({ name: 'stop' });
        await select([t.cancelledBranch(), sleepBranch(5)]);
        assert(false, 'show the trace');
      }),
      { strategy: 'random', runs: 1, firstSeed: 1, stepLimit: 1000, leakStepBound: 100 },
    );
    const trace = r.trace?.map((e) => e.what).join('\n') ?? '';
    expect(trace).toContain("select: branch 1 (sleep(5) elapsed) wins; cancels branch 0 (cancelled() of token 'stop')");
  });
});
