// Ported from awslabs/shuttle tests/future/basic.rs (shuttle's own executor: future::spawn,
// future::block_on, JoinHandle, abort, yield_now), onto simcc/tokio.
import { describe, expect, it } from 'vitest';
import { spawn, yieldNow, oneshot, assert, panic, drop, JoinSet } from '../../../src/tokio.js';
import { thread, Arc, Mutex, AtomicUsize, Ordering } from '../../../src/rust.js';
import { dfs, fails, passes, random } from './helpers.js';

async function add(a: number, b: number): Promise<number> {
  return a + b;
}

describe('shuttle tests/future/basic.rs', () => {
  it('async_fncall', async () => {
    await passes('async_fncall', dfs(), async () => {
      const sum = () => add(3, 5);
      spawn(async () => {
        const r = await sum();
        assert(r === 8);
      });
    });
  });

  it('async_with_join', async () => {
    await passes('async_with_join', dfs(), async () => {
      const join = spawn(async () => add(10, 32));
      spawn(async () => {
        assert((await join.join()).unwrap() === 42);
      }, { move: [join] });
    });
  });

  it('async_with_threads', async () => {
    await passes('async_with_threads', dfs(), async () => {
      const v1 = async () => 3;
      const v2 = async () => 2;
      spawn(async () => {
        assert((await v1()) + (await v2()) === 5);
      });
      spawn(async () => {
        assert((await v1()) + (await v2()) === 5);
      });
    });
  });

  it('async_block_on', async () => {
    await passes('async_block_on', dfs(), async () => {
      const v = await (async () => 42)();
      assert(v === 42);
    });
  });

  it('async_spawn', async () => {
    await passes('async_spawn', dfs(), async () => {
      const t = spawn(async () => 42);
      const v = (await t.join()).unwrap();
      assert(v === 42);
    });
  });

  it('async_spawn_chain', async () => {
    await passes('async_spawn_chain', dfs(), async () => {
      const t1 = spawn(async () => 1, 't1');
      const t2 = spawn(async () => (await t1.join()).unwrap() + 1, { name: 't2', move: [t1] });
      const v = (await t2.join()).unwrap();
      assert(v === 2);
    });
  });

  // thread::yield_now() may be called inside a future.
  it('async_thread_yield', async () => {
    await passes('async_thread_yield', dfs(), async () => {
      spawn(async () => {
        await thread.yieldNow();
      });
    });
  });

  // #[should_panic(expected = "DFS should find a schedule where r=1 here")]
  it('async_atomic', async () => {
    await fails('async_atomic', dfs(), ['assertion'], /DFS should find a schedule where r=1 here/, async () => {
      const r = Arc.new(new AtomicUsize(0, 'r'));
      const r1 = Arc.clone(r);
      spawn(async () => {
        await r1.store(1, Ordering.SeqCst);
        await thread.yieldNow();
        await r1.store(0, Ordering.SeqCst);
      });
      spawn(async () => {
        assert((await r.load(Ordering.SeqCst)) === 0, 'DFS should find a schedule where r=1 here');
      });
    });
  });

  // Futures can take shuttle's (std) Mutex.
  it('async_mutex', async () => {
    await passes('async_mutex', random(1000), async () => {
      const lock = Arc.new(new Mutex(0, { name: 'lock' }));
      const tasks = [0, 1].map(() => {
        const l = Arc.clone(lock);
        return spawn(async () => {
          using counter = (await l.lock()).unwrap();
          counter.value += 1;
        });
      });
      for (const t of tasks) (await t.join()).unwrap();
      using g = (await lock.lock()).unwrap();
      assert(g.value === 2);
    });
  });

  it('async_yield', async () => {
    await passes('async_yield', dfs(), async () => {
      const v = await (async () => {
        await yieldNow();
        return 42;
      })();
      assert(v === 42);
    });
  });

  // An aborted task that has not been polled never runs.
  it('join_handle_abort', async () => {
    await passes('join_handle_abort', dfs(), async () => {
      const t = spawn(async () => panic('should never get here'));
      t.abort();
    });
  });

  // Aborting a task that already finished does nothing; its join still gives its value.
  it('join_handle_abort_finished', async () => {
    await passes('join_handle_abort_finished', dfs(), async () => {
      const t = spawn(async () => 42);
      await yieldNow();
      while (!t.isFinished()) await yieldNow();
      t.abort();
      assert((await t.join()).unwrap() === 42);
    });
  });

  // An abort of a task blocked at an await cancels it: its join is Err(cancelled).
  it('join_handle_abort_waiting', async () => {
    const outcomes = new Set<string>();
    await passes('join_handle_abort_waiting', dfs(), async () => {
      const [_tx, rx] = oneshot.channel<number>();
      const t = spawn(async () => (await rx.recv()).unwrap(), { name: 'waiter', move: [rx] });
      t.abort();
      const r = await t.join();
      assert(r.isErr() && r.unwrapErr().isCancelled(), 'the aborted task was not cancelled');
      outcomes.add('cancelled');
    });
    expect([...outcomes]).toEqual(['cancelled']);
  });

  it('is_finished_on_join_handle', async () => {
    await passes('is_finished_on_join_handle', dfs(), async () => {
      const [tx, rx] = oneshot.channel<void>();
      const handle = spawn(async () => (await rx.recv()).unwrap(), { move: [rx] });
      assert(!handle.isFinished());
      tx.send(undefined).unwrap();
      while (!handle.isFinished()) await yieldNow();
    });
  });

  // A JoinHandle dropped without being awaited detaches the task, which still runs.
  it('drop_shuttle_future', async () => {
    const seen = new Set<number>();
    await passes('drop_shuttle_future', dfs(), async () => {
      const counter = Arc.new(new AtomicUsize(0, 'counter'));
      const c = Arc.clone(counter);
      const [tx, rx] = oneshot.channel<void>();
      const h = spawn(async () => {
        await c.fetchAdd(1, Ordering.SeqCst);
        tx.send(undefined).unwrap();
      }, { move: [tx] });
      await drop(h);
      (await rx.recv()).unwrap();
      seen.add(await counter.load(Ordering.SeqCst));
    });
    expect([...seen]).toEqual([1]);
  });

  // Every interleaving of three tasks' fetch_adds: each sees a distinct count, the sum is fixed.
  it('async_counter', async () => {
    const finals = new Set<number>();
    const r = await passes('async_counter', dfs(), async () => {
      const counter = Arc.new(new AtomicUsize(0, 'counter'));
      const tasks = [0, 1, 2].map((i) => {
        const c = Arc.clone(counter);
        return spawn(async () => {
          await yieldNow();
          return c.fetchAdd(1, Ordering.SeqCst);
        }, `t${i}`);
      });
      const seen: number[] = [];
      for (const t of tasks) seen.push((await t.join()).unwrap());
      assert([...seen].sort().join() === '0,1,2', `counts ${seen}`);
      finals.add(await counter.load(Ordering.SeqCst));
    });
    expect([...finals]).toEqual([3]);
    expect(r.complete).toBe(true);
  });

  // JoinSet (shuttle's tokio wrapper): joinNext returns each task's value once, then None.
  it('joinset_join_next', async () => {
    await passes('joinset_join_next', dfs(), async () => {
      const set = new JoinSet<number>();
      for (let i = 0; i < 3; i++) set.spawn(async () => i);
      const got: number[] = [];
      for (let r = await set.joinNext(); r !== undefined; r = await set.joinNext()) got.push(r.unwrap());
      assert(got.sort().join() === '0,1,2', `got ${got}`);
    });
  });
});
