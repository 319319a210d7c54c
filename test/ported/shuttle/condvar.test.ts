// Ported from awslabs/shuttle tests/basic/condvar.rs. shuttle's Condvar never wakes spuriously and its
// wait_timeout never times out; simcc's do both (§2b), so tests that wait in a `while` are unaffected.
import { describe, it } from 'vitest';
import { thread, Arc, Mutex, Condvar, assert, drop, type MutexGuard } from '../../../src/rust.js';
import { dfs, fails, passes } from './helpers.js';

describe('shuttle tests/basic/condvar.rs', () => {
  it('notify_one', async () => {
    await passes('notify_one', dfs(), async () => {
      const lock = Arc.new(new Mutex(false, { name: 'lock' }));
      const cond = Arc.new(new Condvar({ name: 'cond' }));
      {
        const [l, c] = [Arc.clone(lock), Arc.clone(cond)];
        thread.spawn(async () => {
          {
            using g = (await l.lock()).unwrap();
            g.value = true;
          }
          await c.notifyOne();
        });
      }
      let guard = (await lock.lock()).unwrap();
      while (!guard.value) guard = (await cond.wait(guard)).unwrap();
      await drop(guard);
    });
  });

  it('notify_one_while', async () => {
    await passes('notify_one_while', dfs(), async () => {
      const lock = Arc.new(new Mutex(false, { name: 'lock' }));
      const cond = Arc.new(new Condvar({ name: 'cond' }));
      {
        const [l, c] = [Arc.clone(lock), Arc.clone(cond)];
        thread.spawn(async () => {
          {
            using g = (await l.lock()).unwrap();
            g.value = true;
          }
          await c.notifyOne();
        });
      }
      using _g = (await cond.waitWhile((await lock.lock()).unwrap(), (v) => !v)).unwrap();
    });
  });

  // wait_timeout in a loop: shuttle's never times out; simcc's may, in virtual time, and the loop
  // simply waits again.
  // SIMCC DEFECT 2 (it.fails): explore never completes under the default time mode. The timer of each
  // wait may fire while the notifier is runnable, again and again (87 time-outs in a row seen while the
  // notifier never got to run), so the executions grow without bound: timer firings get none of the
  // fairness runtime/yield.ts gives yields. §2 allows a timer to beat runnable work ("real machines
  // stall"), but an exhaustive search that never ends on this three-line loop is not what a shuttle
  // (or loom) user can use; with `time: 'synctest'` it completes in 5 executions. Minimal scenario:
  // T: { *m.lock() = true; } cv.notify_one() — main: while !*g { g = cv.wait_timeout(g, 10 s).0 }.
  // Expected: explore completes with no finding.
  it.fails('notify_one_timeout', async () => {
    await passes('notify_one_timeout', dfs(undefined, 10), async () => {
      const lock = Arc.new(new Mutex(false, { name: 'lock' }));
      const cond = Arc.new(new Condvar({ name: 'cond' }));
      {
        const [l, c] = [Arc.clone(lock), Arc.clone(cond)];
        thread.spawn(async () => {
          {
            using g = (await l.lock()).unwrap();
            g.value = true;
          }
          await c.notifyOne();
        });
      }
      let guard = (await lock.lock()).unwrap();
      while (!guard.value) guard = (await cond.waitTimeout(guard, 10_000)).unwrap()[0];
      await drop(guard);
    });
  });

  it('notify_all', async () => {
    await passes('notify_all', dfs(), async () => {
      const lock = Arc.new(new Mutex(false, { name: 'lock' }));
      const cond = Arc.new(new Condvar({ name: 'cond' }));
      const waiters = [0, 1].map(() => {
        const [l, c] = [Arc.clone(lock), Arc.clone(cond)];
        return thread.spawn(async () => {
          let guard = (await l.lock()).unwrap();
          while (!guard.value) guard = (await c.wait(guard)).unwrap();
          await drop(guard);
        });
      });
      {
        using g = (await lock.lock()).unwrap();
        g.value = true;
      }
      await cond.notifyAll();
      for (const w of waiters) (await w.join()).unwrap();
    });
  });

  // Producer/consumer with a one-slot buffer (OSTEP ch. 30): one producer putting two items, two
  // consumers taking one each.
  interface Buf {
    count: number;
    value: number;
  }
  async function put(g: MutexGuard<Buf>, v: number) {
    assert(g.value.count === 0, 'buffer full');
    g.value.count = 1;
    g.value.value = v;
  }
  async function get(g: MutexGuard<Buf>) {
    assert(g.value.count === 1, 'nothing to get');
    g.value.count = 0;
    return g.value.value;
  }

  // #[should_panic(expected = "nothing to get")]: `if` around wait, one Condvar — a woken consumer
  // may find the buffer emptied by the other consumer.
  it('producer_consumer_broken1', async () => {
    await fails('producer_consumer_broken1', dfs(), ['assertion'], /nothing to get/, async () => {
      const lock = Arc.new(new Mutex<Buf>({ count: 0, value: 0 }, { name: 'lock' }));
      const cond = Arc.new(new Condvar({ name: 'cond' }));
      for (let c = 0; c < 2; c++) {
        const [l, cv] = [Arc.clone(lock), Arc.clone(cond)];
        thread.spawn(async () => {
          let g = (await l.lock()).unwrap();
          if (g.value.count === 0) g = (await cv.wait(g)).unwrap();
          await get(g);
          await cv.notifyOne();
          await drop(g);
        }, `consumer-${c}`);
      }
      const [l, cv] = [Arc.clone(lock), Arc.clone(cond)];
      thread.spawn(async () => {
        for (let i = 0; i < 2; i++) {
          let g = (await l.lock()).unwrap();
          if (g.value.count === 1) g = (await cv.wait(g)).unwrap();
          await put(g, i);
          await cv.notifyOne();
          await drop(g);
        }
      }, 'producer');
    });
  });

  // #[should_panic(expected = "deadlock")]: `while` around wait but one Condvar — a consumer's
  // notify_one may wake the other consumer instead of the producer, and everyone sleeps.
  it('producer_consumer_broken2', async () => {
    await fails('producer_consumer_broken2', dfs(), ['deadlock', 'leak'], undefined, async () => {
      const lock = Arc.new(new Mutex<Buf>({ count: 0, value: 0 }, { name: 'lock' }));
      const cond = Arc.new(new Condvar({ name: 'cond' }));
      const hs = [];
      for (let c = 0; c < 2; c++) {
        const [l, cv] = [Arc.clone(lock), Arc.clone(cond)];
        hs.push(thread.spawn(async () => {
          let g = (await l.lock()).unwrap();
          while (g.value.count === 0) g = (await cv.wait(g)).unwrap();
          await get(g);
          await cv.notifyOne();
          await drop(g);
        }, `consumer-${c}`));
      }
      const [l, cv] = [Arc.clone(lock), Arc.clone(cond)];
      hs.push(thread.spawn(async () => {
        for (let i = 0; i < 2; i++) {
          let g = (await l.lock()).unwrap();
          while (g.value.count === 1) g = (await cv.wait(g)).unwrap();
          await put(g, i);
          await cv.notifyOne();
          await drop(g);
        }
      }, 'producer'));
      for (const h of hs) (await h.join()).unwrap();
    });
  });

  it('producer_consumer_correct', async () => {
    await passes('producer_consumer_correct', dfs(), async () => {
      const lock = Arc.new(new Mutex<Buf>({ count: 0, value: 0 }, { name: 'lock' }));
      const empty = Arc.new(new Condvar({ name: 'empty' }));
      const fill = Arc.new(new Condvar({ name: 'fill' }));
      const hs = [];
      for (let c = 0; c < 2; c++) {
        const [l, e, f] = [Arc.clone(lock), Arc.clone(empty), Arc.clone(fill)];
        hs.push(thread.spawn(async () => {
          let g = (await l.lock()).unwrap();
          while (g.value.count === 0) g = (await f.wait(g)).unwrap();
          await get(g);
          await e.notifyOne();
          await drop(g);
        }, `consumer-${c}`));
      }
      const [l, e, f] = [Arc.clone(lock), Arc.clone(empty), Arc.clone(fill)];
      hs.push(thread.spawn(async () => {
        for (let i = 0; i < 2; i++) {
          let g = (await l.lock()).unwrap();
          while (g.value.count === 1) g = (await e.wait(g)).unwrap();
          await put(g, i);
          await f.notifyOne();
          await drop(g);
        }
      }, 'producer'));
      for (const h of hs) (await h.join()).unwrap();
    });
  });
});

// Not in shuttle under this name: std panics when one Condvar is used with two Mutexes.
describe('simcc additions (not in shuttle)', () => {
  // One Condvar used with two Mutexes panics in std (and in shuttle).
  it('two_mutexes_one_condvar', async () => {
    await fails('two_mutexes_one_condvar', dfs(), ['panic'], undefined, async () => {
      const m1 = Arc.new(new Mutex(false, { name: 'm1' }));
      const m2 = Arc.new(new Mutex(false, { name: 'm2' }));
      const cond = Arc.new(new Condvar({ name: 'cond' }));
      const [c1, mm1] = [Arc.clone(cond), Arc.clone(m1)];
      thread.spawn(async () => {
        let g = (await mm1.lock()).unwrap();
        while (!g.value) g = (await c1.wait(g)).unwrap();
      });
      let g = (await m2.lock()).unwrap();
      while (!g.value) g = (await cond.wait(g)).unwrap();
    });
  });
});
