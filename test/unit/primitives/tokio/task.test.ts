import { describe, expect, it } from 'vitest';
import { spawn, spawnBlocking, yieldNow, JoinSet } from '../../../../src/primitives/tokio/task.js';
import { sleep, timeout } from '../../../../src/primitives/tokio/time.js';
import { panic, assert } from '../../../../src/primitives/rust/panic.js';
import { drop, own, DROP } from '../../../../src/primitives/rust/ownership.js';
import { now } from '../../../../src/api/time.js';
import { thread } from '../../../../src/primitives/rust/thread.js';
import { catchUnwind } from '../../../../src/primitives/rust/panic.js';
import { runTokio, kinds } from './helpers.js';

describe('tokio spawn and join', () => {
  it('join gives Ok(value); a task starts at once and runs concurrently', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const h = spawn(async () => {
        await sleep(5);
        return 6 * 7;
      }, 'worker');
      got.push(h.name, (await h.join()).unwrap(), now());
    }, { runs: 20 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual(['worker', 42, 5]);
  });

  it('a panic observed by a join is not a finding: Err(JoinError) with isPanic(), Debug text as tokio', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const h = spawn(async () => panic('boom'), 'worker');
      const res = await h.join();
      got.push(res.isErr(), res.unwrapErr().isPanic(), res.unwrapErr().isCancelled(), String(res), String(res.unwrapErr()));
    }, { runs: 5 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual([true, true, false, `Err(JoinError::Panic(Id(1), "boom", ...))`, 'task 1 panicked with message "boom"']);
  });

  it('join(…).unwrap() re-raises the task\'s panic with its own kind and location (an assert stays an assertion)', async () => {
    const r = await runTokio(async () => {
      const h = spawn(async () => assert(false, 'invariant'), 'worker');
      (await h.join()).unwrap();
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['assertion']);
    expect(r.findings[0]!.message).toBe("task 'worker' panicked: assertion failed: invariant");
    expect(r.findings[0]!.locations[0]).toMatch(/task\.test\.ts:\d+:\d+$/);
  });

  it('a panic nobody observes is a finding: the handle dropped, or main returned without joining', async () => {
    const dropped = await runTokio(async () => {
      const h = spawn(async () => panic('lost'), 'worker');
      await sleep(1);
      await drop(h);
    }, { runs: 5 });
    expect(kinds(dropped)).toEqual(['panic']);
    expect(dropped.findings[0]!.message).toBe("task 'worker' panicked: lost");
    const returned = await runTokio(async () => {
      spawn(async () => {
        await sleep(1);
        panic('lost too');
      }, 'worker');
    }, { runs: 5 });
    expect(kinds(returned)).toEqual(['panic']);
    const ended = await runTokio(async () => {
      spawn(async () => panic('after'), 'worker');
      await sleep(10);
    }, { runs: 5 });
    expect(kinds(ended)).toEqual(['panic']);
    expect(ended.findings[0]!.details?.join(' ')).toContain('nobody observed the panic');
  });

  // synctest: a timer fires only when no task can run (in free mode the worker's timer may fire first, as a stall lets it).
  it('abort: a task waiting at a tokio await is cancelled at once; its values are dropped; join gives Cancelled', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const h = spawn(async () => {
        own({ [DROP]: () => void got.push('dropped') }, 'resource');
        await sleep(1000);
        got.push('not reached');
      }, 'worker');
      await sleep(1);
      h.abort();
      const res = await h.join();
      got.push(res.unwrapErr().isCancelled(), String(res), h.isFinished(), now());
    }, { runs: 20, timeMode: 'synctest' });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual(['dropped', true, 'Err(JoinError::Cancelled(Id(1)))', true, 1]);
  });

  it('abort takes effect at the next tokio await, not in between; a task that ended is not affected', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const h = spawn(async () => 'done', 'quick');
      await sleep(1);
      h.abort();
      got.push(String(await h.join()));
    }, { runs: 10 });
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual(['Ok("done")']);
  });

  it('a task aborted before it first ran never runs; a std call is not a cancellation point; catchUnwind does not catch the cancellation', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const never = spawn(async () => void got.push('never ran'), 'never');
      never.abort();
      got.push(String(await never.join()));
      const h = spawn(async () => {
        const c = await catchUnwind(async () => {
          await thread.sleep(10); // std: runs to its end even if aborted meanwhile
          got.push('after the std sleep');
          await sleep(10); // tokio: the cancellation point
          got.push('not reached');
        });
        got.push(`caught ${String(c)}`);
      }, 'w');
      await sleep(5);
      h.abort();
      got.push(String(await h.join()));
    }, { runs: 20, timeMode: 'synctest' });
    expect(r.error).toBeUndefined();
    // The std sleep in a task blocks its worker: reported, and the execution goes on.
    expect(kinds(r)).toEqual(['blocking-in-async']);
    expect(got).toEqual(['Err(JoinError::Cancelled(Id(1)))', 'after the std sleep', 'Err(JoinError::Cancelled(Id(2)))']);
  });

  it('the timeline shows an aborted await as cancelled', async () => {
    const { runScenario } = await import('../../../../src/harness/runs.js');
    const { scenario } = await import('../../../../src/primitives/tokio/scenario.js');
    const r = await runScenario(
      scenario({ name: 't', expect: ['assertion'] }, async () => {
        const h = spawn(async () => sleep(100), 'sleeper');
        await sleep(1);
        h.abort();
        await h.join();
        assert(false, 'show the trace');
      }),
      { strategy: 'random', runs: 1, firstSeed: 1, stepLimit: 1000, leakStepBound: 100, timeMode: 'synctest' },
    );
    expect(r.trace?.map((e) => e.what)).toContain("sleep(100) until 100 ms: cancelled (task 'sleeper' was aborted)");
  });

  it('yieldNow is a fair yield and a cancellation point: a spin loop on a flag ends, an aborted spinner stops', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      let flag = false;
      const spinner = spawn(async () => {
        while (!flag) await yieldNow();
        return 'saw the flag';
      }, 'spinner');
      const forever = spawn(async () => {
        for (;;) await yieldNow();
      }, 'forever');
      await yieldNow();
      flag = true;
      forever.abort();
      got.push((await spinner.join()).unwrap(), String(await forever.join()));
    }, { runs: 30 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual(['saw the flag', 'Err(JoinError::Cancelled(Id(2)))']);
  });

  it('unwrap of a cancelled join panics with tokio\'s text', async () => {
    const r = await runTokio(async () => {
      const h = spawn(async () => sleep(100), 'w');
      h.abort();
      (await h.join()).unwrap();
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['panic']);
    expect(r.findings[0]!.message).toContain('called `Result::unwrap()` on an `Err` value: JoinError::Cancelled(Id(1))');
  });

  it('a JoinHandle moved to another task is joined there; using it after the move is a scenario error', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const a = spawn(async () => 'a', 'a');
      const b = spawn(async () => (await a.join()).unwrap() + 'b', { name: 'b', move: [a] });
      got.push((await b.join()).unwrap());
    }, { runs: 10 });
    expect(r.error).toBeUndefined();
    expect(got).toEqual(['ab']);
    const bad = await runTokio(async () => {
      const a = spawn(async () => 'a', 'a');
      spawn(async () => (await a.join()).unwrap(), { name: 'b', move: [a] });
      await a.join();
    }, { runs: 1 });
    expect(bad.error?.message).toMatch(/used by thread 'main' after it was moved to thread 'b'/);
  });

  it('isFinished reads the task\'s end', async () => {
    const seen = new Set<boolean>();
    await runTokio(async () => {
      const h = spawn(async () => 1, 'w');
      await sleep(0);
      seen.add(h.isFinished());
      await h.join();
    }, { runs: 50 });
    expect([...seen].sort()).toEqual([false, true]);
  });

  it('spawnBlocking: joined like a task, abort has no effect', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const h = spawnBlocking(async () => 7);
      h.abort();
      got.push((await h.join()).unwrap(), h.name);
    }, { runs: 10 });
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual([7, 'blocking']);
  });
});

describe('JoinSet', () => {
  it('joinNext returns results in the order tasks end, then undefined; len counts unjoined tasks', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const set = new JoinSet<number>();
      for (const ms of [30, 10, 20]) set.spawn(async () => {
        await sleep(ms);
        return ms;
      });
      got.push(set.len());
      for (;;) {
        const res = await set.joinNext();
        if (res === undefined) break;
        got.push(res.unwrap());
      }
      got.push(set.len());
      // synctest: in free mode a task may start its sleep after an earlier-started one's timer fired (a stall).
    }, { runs: 20, timeMode: 'synctest' });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual([3, 10, 20, 30, 0]);
  });

  it('abortAll, shutdown and drop(set) cancel the tasks', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const set = new JoinSet<number>();
      set.spawn(async () => {
        await sleep(100);
        return 1;
      });
      set.spawn(async () => 2);
      await sleep(1);
      set.abortAll();
      const a = await set.joinNext();
      const b = await set.joinNext();
      got.push(String(a), String(b), now());
      const s2 = new JoinSet<void>();
      s2.spawn(async () => void (await sleep(100)), 'x');
      await s2.shutdown();
      got.push(s2.len(), now());
      const s3 = new JoinSet<void>();
      const ah = s3.spawn(async () => void (await sleep(100)), 'y');
      await drop(s3);
      await sleep(1);
      got.push(ah.isFinished(), now());
    }, { runs: 10, timeMode: 'synctest' });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual(['Ok(2)', 'Err(JoinError::Cancelled(Id(1)))', 1, 0, 1, true, 2]);
  });

  it('joining a handle again after a join completed panics, as tokio\'s JoinHandle polled after completion; a timed-out join may be retried', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const h = spawn(async () => {
        await sleep(5);
        return 1;
      }, 'w');
      got.push((await timeout(1, () => h.join())).isErr()); // not completed: the handle may be polled again
      got.push((await h.join()).unwrap());
      await h.join();
      got.push('unreachable');
    }, { runs: 10, timeMode: 'synctest' });
    expect(r.error?.message).toBeUndefined();
    expect(kinds(r)).toEqual(['panic']);
    expect(r.findings[0]!.message).toMatch(/JoinHandle polled after completion/);
    expect(got).toEqual([true, 1]);
  });
});
