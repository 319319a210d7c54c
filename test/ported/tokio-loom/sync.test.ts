// Ported from tokio's loom tests of tokio::sync (tokio/src/sync/tests/loom_*.rs), onto simcc/tokio.
import { describe, expect, it } from 'vitest';
import { spawn, drop, assert, sleep, timeout, oneshot, mpsc, watch, broadcast, Notify, Semaphore, RwLock } from '../../../src/tokio.js';
import { Arc, AtomicUsize, Ordering, thread } from '../../../src/rust.js';
import { dfs, passes } from '../shuttle-future/helpers.js';

const model = (name: string, body: () => Promise<unknown>) => passes(name, dfs(), body);

describe('tokio loom_oneshot.rs', () => {
  it('smoke', async () => {
    await model('smoke', async () => {
      const [tx, rx] = oneshot.channel<number>();
      spawn(async () => tx.send(1).unwrap(), { move: [tx] });
      const value = (await rx.recv()).unwrap();
      assert(value === 1);
    });
  });

  // tokio issue #4225: try_recv after close must not fail whatever the sender did.
  it('try_recv_close', async () => {
    await model('try_recv_close', async () => {
      const [tx, rx] = oneshot.channel<void>();
      spawn(async () => void tx.send(undefined), { move: [tx] });
      rx.close();
      void rx.tryRecv();
    });
  });

  it('recv_closed', async () => {
    await model('recv_closed', async () => {
      const [tx, rx] = oneshot.channel<number>();
      spawn(async () => void tx.send(1), { move: [tx] });
      rx.close();
      void (await rx.recv());
    });
  });

  // simcc addition: after close, recv returns at once — the value if it was sent before the close, else
  // Err — and never waits (it waited forever, a false deadlock, before the fix). The sleep(0) lets the task
  // send before the close or not (code between two awaits is one step: docs/tokio.md, "Abort"; a
  // yieldNow would not do, as a fair yield lets the task run first).
  it('recv after close: the value sent before it, or Err at once', async () => {
    const seen = new Set<string>();
    await model('recv after close', async () => {
      const [tx, rx] = oneshot.channel<number>();
      spawn(async () => void tx.send(1), { move: [tx] });
      await sleep(0);
      rx.close();
      const r = await rx.recv();
      seen.add(r.isOk() ? `ok ${r.unwrap()}` : 'err');
      const t = rx.tryRecv();
      assert(t.isErr() && t.unwrapErr().kind === 'Closed', 'tryRecv after close is Closed');
    });
    expect([...seen].sort()).toEqual(['err', 'ok 1']);
  });

  // tx.closed() is awaited by one task, then the sender moves on; dropping rx wakes whichever waits.
  it('changing_tx_task', async () => {
    await model('changing_tx_task', async () => {
      const [tx, rx] = oneshot.channel<void>();
      spawn(async () => drop(rx), { move: [rx] });
      const h = spawn(async () => {
        await tx.closed();
        return tx;
      }, { move: [tx] });
      const tx2 = (await h.join()).unwrap();
      await tx2.closed();
    });
  });
});

describe('tokio loom_mpsc.rs', () => {
  it('closing_tx', async () => {
    await model('closing_tx', async () => {
      // loom sends (); recv() → T | undefined cannot tell an undefined value from None, so this sends 1.
      const [tx, rx] = mpsc.channel<number>(16);
      spawn(async () => {
        tx.trySend(1).unwrap();
        await drop(tx);
      }, { move: [tx] });
      assert((await rx.recv()) === 1, 'first recv is None');
      assert((await rx.recv()) === undefined, 'second recv is Some');
    });
  });

  it('closing_unbounded_tx', async () => {
    await model('closing_unbounded_tx', async () => {
      const [tx, rx] = mpsc.unboundedChannel<number>();
      spawn(async () => {
        tx.send(1).unwrap();
        await drop(tx);
      }, { move: [tx] });
      assert((await rx.recv()) === 1);
      assert((await rx.recv()) === undefined);
    });
  });

  it('closing_bounded_rx', async () => {
    await model('closing_bounded_rx', async () => {
      const [tx1, rx] = mpsc.channel<void>(16);
      const tx2 = tx1.clone();
      spawn(async () => drop(rx), { move: [rx] });
      await tx1.closed();
      await tx2.closed();
    });
  });

  it('closing_and_sending', async () => {
    await model('closing_and_sending', async () => {
      const [tx1, rx] = mpsc.channel<number>(16);
      const tx2 = tx1.clone();
      const th1 = spawn(async () => tx1.trySend(1).unwrap(), { move: [tx1] });
      const th2 = spawn(async () => tx2.closed(), { move: [tx2] });
      (await th1.join()).unwrap();
      assert((await rx.recv()) === 1);
      rx.close();
      (await th2.join()).unwrap();
    });
  });

  it('dropping_tx', async () => {
    await model('dropping_tx', async () => {
      const [tx, rx] = mpsc.channel<void>(16);
      for (let i = 0; i < 2; i++) {
        const t = tx.clone();
        spawn(async () => drop(t), { move: [t] });
      }
      await drop(tx);
      assert((await rx.recv()) === undefined);
    });
  });

  it('dropping_unbounded_tx', async () => {
    await model('dropping_unbounded_tx', async () => {
      const [tx, rx] = mpsc.unboundedChannel<void>();
      for (let i = 0; i < 2; i++) {
        const t = tx.clone();
        spawn(async () => drop(t), { move: [t] });
      }
      await drop(tx);
      assert((await rx.recv()) === undefined);
    });
  });
});

describe('tokio loom_notify.rs', () => {
  it('notify_one', async () => {
    await model('notify_one', async () => {
      const tx = Arc.new(new Notify({ name: 'notify' }));
      const rx = Arc.clone(tx);
      const th = spawn(async () => rx.notified());
      tx.notifyOne();
      (await th.join()).unwrap();
    });
  });

  // notified() futures made before notify_waiters are woken by it, even if not yet awaited.
  it('notify_waiters', async () => {
    await model('notify_waiters', async () => {
      const notify = Arc.new(new Notify({ name: 'notify' }));
      const tx = Arc.clone(notify);
      const notified1 = notify.notified();
      const notified2 = notify.notified();
      const th = spawn(async () => tx.notifyWaiters());
      await notified1;
      await notified2;
      (await th.join()).unwrap();
    });
  });

  it('notify_waiters_and_one', async () => {
    await model('notify_waiters_and_one', async () => {
      const notify = Arc.new(new Notify({ name: 'notify' }));
      const tx1 = Arc.clone(notify);
      const tx2 = Arc.clone(notify);
      const th1 = spawn(async () => tx1.notifyWaiters(), 'th1');
      const th2 = spawn(async () => tx2.notifyOne(), 'th2');
      const th3 = spawn(async () => {
        const notified = notify.notified();
        await notified;
      }, 'th3');
      for (const th of [th1, th2, th3]) (await th.join()).unwrap();
    });
  });

  it('notify_multi', async () => {
    await model('notify_multi', async () => {
      const notify = Arc.new(new Notify({ name: 'notify' }));
      const ths = [0, 1].map((i) => {
        const n = Arc.clone(notify);
        return spawn(async () => {
          await n.notified();
          n.notifyOne();
        }, `th${i}`);
      });
      notify.notifyOne();
      for (const th of ths) (await th.join()).unwrap();
      await notify.notified();
    });
  });
});

describe('tokio loom_semaphore_batch.rs', () => {
  it('basic_usage', async () => {
    const NUM = 2;
    await model('basic_usage', async () => {
      const semaphore = Arc.new(new Semaphore(NUM, { name: 'semaphore' }));
      const active = Arc.new(new AtomicUsize(0, 'active'));
      const actor = async () => {
        const permit = (await semaphore.acquire(1)).unwrap();
        const a = await active.fetchAdd(1, Ordering.SeqCst);
        assert(a <= NUM - 1, `active ${a}`);
        const b = await active.fetchSub(1, Ordering.SeqCst);
        assert(b <= NUM, `active ${b}`);
        await drop(permit);
      };
      const hs = [0, 1].map((i) => spawn(actor, `actor${i}`));
      await actor();
      for (const h of hs) (await h.join()).unwrap();
    });
  });

  it('release', async () => {
    await model('release', async () => {
      const semaphore = Arc.new(new Semaphore(1, { name: 'semaphore' }));
      const s = Arc.clone(semaphore);
      spawn(async () => {
        (await s.acquire(1)).unwrap().forget();
        s.addPermits(1);
      });
      (await semaphore.acquire(1)).unwrap().forget();
      semaphore.addPermits(1);
    });
  });

  it('basic_closing', async () => {
    await model('basic_closing', async () => {
      const semaphore = Arc.new(new Semaphore(1, { name: 'semaphore' }));
      for (let i = 0; i < 2; i++) {
        const s = Arc.clone(semaphore);
        spawn(async () => {
          for (let j = 0; j < 2; j++) {
            const p = await s.acquire(1);
            if (p.isErr()) return;
            p.unwrap().forget();
            s.addPermits(1);
          }
        }, `t${i}`);
      }
      semaphore.close();
    });
  });

  it('concurrent_close', async () => {
    await model('concurrent_close', async () => {
      const semaphore = Arc.new(new Semaphore(1, { name: 'semaphore' }));
      for (let i = 0; i < 3; i++) {
        const s = Arc.clone(semaphore);
        spawn(async () => {
          const p = await s.acquire(1);
          if (p.isErr()) return;
          p.unwrap().forget();
          s.addPermits(1);
          s.close();
        }, `t${i}`);
      }
    });
  });

  // Each task polls two acquires once and drops them (as a timeout would): they must give back whatever
  // they were assigned, so the third task's acquire(1) still gets a permit of the ten released.
  it('concurrent_cancel', async () => {
    await model('concurrent_cancel', async () => {
      const semaphore = Arc.new(new Semaphore(0, { name: 'semaphore' }));
      const pollAndCancel = async () => {
        await timeout(0, () => semaphore.acquire(1));
        await timeout(0, () => semaphore.acquire(1));
      };
      const t1 = spawn(pollAndCancel, 't1');
      const t2 = spawn(pollAndCancel, 't2');
      const t3 = spawn(async () => (await semaphore.acquire(1)).unwrap().forget(), 't3');
      assert(semaphore.availablePermits() === 0);
      semaphore.addPermits(10);
      for (const t of [t1, t2, t3]) (await t.join()).unwrap();
    });
  });

  it('batch', async () => {
    await model('batch', async () => {
      const semaphore = Arc.new(new Semaphore(10, { name: 'semaphore' }));
      const active = Arc.new(new AtomicUsize(0, 'active'));
      const ths = [[4], [10]].map((ns, i) =>
        spawn(async () => {
          for (const n of ns) {
            (await semaphore.acquire(n)).unwrap().forget();
            await active.fetchAdd(n, Ordering.SeqCst);
            const numActive = await active.load(Ordering.SeqCst);
            assert(numActive <= 10, `active ${numActive}`);
            await thread.yieldNow();
            await active.fetchSub(n, Ordering.SeqCst);
            semaphore.addPermits(n);
          }
        }, `th${i}`),
      );
      for (const th of ths) (await th.join()).unwrap();
      assert(semaphore.availablePermits() === 10);
    });
  });

  it('release_during_acquire', async () => {
    await model('release_during_acquire', async () => {
      const semaphore = Arc.new(new Semaphore(10, { name: 'semaphore' }));
      semaphore.tryAcquire(8).expect('try_acquire should succeed; semaphore uncontended').forget();
      const s2 = Arc.clone(semaphore);
      const th = spawn(async () => (await s2.acquire(4)).unwrap().forget());
      semaphore.addPermits(8);
      (await th.join()).unwrap();
      semaphore.addPermits(4);
      assert(semaphore.availablePermits() === 10);
    });
  });
});

describe('tokio loom_watch.rs', () => {
  it('smoke', async () => {
    await model('smoke', async () => {
      const [tx, rx1] = watch.channel(1);
      const rxs = [rx1, rx1.clone(), rx1.clone(), rx1.clone(), rx1.clone()];
      const th = spawn(async () => tx.send(2).unwrap(), { move: [tx] });
      for (const rx of rxs) {
        (await rx.changed()).unwrap();
        assert(rx.borrow() === 2);
      }
      (await th.join()).unwrap();
    });
  });
});

describe('tokio loom_broadcast.rs', () => {
  async function countAll(rx: ReturnType<typeof broadcast.channel<string>>[1]): Promise<number> {
    let num = 0;
    for (;;) {
      const r = await rx.recv();
      if (r.isOk()) num += 1;
      else if (r.unwrapErr().kind === 'Closed') return num;
      else num += (r.unwrapErr() as { skipped: number }).skipped;
    }
  }

  it('broadcast_send', async () => {
    await model('broadcast_send', async () => {
      const [tx1, rx] = broadcast.channel<string>(2);
      const tx2 = tx1.clone();
      const th1 = spawn(async () => {
        for (const v of ['one', 'two', 'three']) tx1.send(v).unwrap();
      }, { name: 'th1', move: [tx1] });
      const th2 = spawn(async () => {
        for (const v of ['eins', 'zwei', 'drei']) tx2.send(v).unwrap();
      }, { name: 'th2', move: [tx2] });
      const num = await countAll(rx);
      assert(num === 6, `num ${num}`);
      (await th1.join()).unwrap();
      (await th2.join()).unwrap();
    });
  });

  it('broadcast_two', async () => {
    await model('broadcast_two', async () => {
      const [tx, rx1] = broadcast.channel<string>(16);
      const rx2 = tx.subscribe();
      const reader = (rx: typeof rx1) => async () => {
        assert((await rx.recv()).unwrap() === 'hello');
        assert((await rx.recv()).unwrap() === 'world');
        const e = await rx.recv();
        assert(e.isErr() && e.unwrapErr().kind === 'Closed', 'expected Closed');
      };
      const th1 = spawn(reader(rx1), { name: 'th1', move: [rx1] });
      const th2 = spawn(reader(rx2), { name: 'th2', move: [rx2] });
      tx.send('hello').unwrap();
      tx.send('world').unwrap();
      await drop(tx);
      (await th1.join()).unwrap();
      (await th2.join()).unwrap();
    });
  });

  it('broadcast_wrap', async () => {
    await model('broadcast_wrap', async () => {
      const [tx, rx1] = broadcast.channel<string>(2);
      const rx2 = tx.subscribe();
      const th1 = spawn(async () => assert((await countAll(rx1)) === 3), { name: 'th1', move: [rx1] });
      const th2 = spawn(async () => assert((await countAll(rx2)) === 3), { name: 'th2', move: [rx2] });
      for (const v of ['one', 'two', 'three']) tx.send(v).unwrap();
      await drop(tx);
      (await th1.join()).unwrap();
      (await th2.join()).unwrap();
    });
  });

  it('drop_rx', async () => {
    await model('drop_rx', async () => {
      const [tx, rx1] = broadcast.channel<string>(16);
      const rx2 = tx.subscribe();
      const th1 = spawn(async () => {
        for (const v of ['one', 'two', 'three']) assert((await rx1.recv()).unwrap() === v);
        const e = await rx1.recv();
        assert(e.isErr() && e.unwrapErr().kind === 'Closed', 'expected Closed');
      }, { name: 'th1', move: [rx1] });
      const th2 = spawn(async () => drop(rx2), { name: 'th2', move: [rx2] });
      for (const v of ['one', 'two', 'three']) tx.send(v).unwrap();
      await drop(tx);
      (await th1.join()).unwrap();
      (await th2.join()).unwrap();
    });
  });
});

describe('tokio loom_rwlock.rs', () => {
  /** Two tasks that each add 5 under the write lock. */
  function writers(rwlock: Arc<RwLock<number>>) {
    return [0, 1].map((i) => {
      const rw = Arc.clone(rwlock);
      return spawn(async () => {
        using guard = await rw.write();
        guard.value += 5;
      }, `t${i}`);
    });
  }

  it('concurrent_write', async () => {
    await model('concurrent_write', async () => {
      const rwlock = Arc.new(new RwLock(0, { name: 'rwlock' }));
      for (const t of writers(rwlock)) (await t.join()).unwrap();
      using guard = await rwlock.read();
      assert(guard.value === 10);
    });
  });

  it('concurrent_read_write', async () => {
    await model('concurrent_read_write', async () => {
      const rwlock = Arc.new(new RwLock(0, { name: 'rwlock' }));
      const ts = writers(rwlock);
      const rw = Arc.clone(rwlock);
      const t3 = spawn(async () => {
        using guard = await rw.read();
        assert(guard.value === 0 || guard.value === 5 || guard.value === 10);
      }, 't3');
      for (const t of [...ts, t3]) (await t.join()).unwrap();
      using guard = await rwlock.read();
      assert(guard.value === 10);
    });
  });
});

