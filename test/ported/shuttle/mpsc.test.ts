// Ported from awslabs/shuttle tests/basic/mpsc.rs (which also carries loom's mpsc tests, renamed
// mpsc_loom_*, and sum tests over unbounded, bounded and rendezvous channels).
import { describe, it } from 'vitest';
import { thread, mpsc, assert, drop, type Receiver } from '../../../src/rust.js';
import { dfs, fails, passes } from './helpers.js';

/** Two senders (1 and 2 from one, 3 from the other) and a receiver that sums everything. */
async function sum(rx: Receiver<number>): Promise<number> {
  let s = 0;
  for await (const v of rx) s += v;
  return s;
}

describe('shuttle tests/basic/mpsc.rs', () => {
  it('mpsc_loom_basic_sequential_usage', async () => {
    await passes('mpsc_loom_basic_sequential_usage', dfs(), async () => {
      const [s, r] = mpsc.channel<number>();
      (await s.send(5)).unwrap();
      assert((await r.recv()).unwrap() === 5, 'assert_eq!(val, 5)');
    });
  });

  it('mpsc_loom_basic_parallel_usage', async () => {
    await passes('mpsc_loom_basic_parallel_usage', dfs(), async () => {
      const [s, r] = mpsc.channel<number>();
      thread.spawn(async () => void (await s.send(5)).unwrap(), { move: [s] });
      assert((await r.recv()).unwrap() === 5, 'assert_eq!(val, 5)');
    });
  });

  it('mpsc_loom_commutative_senders', async () => {
    await passes('mpsc_loom_commutative_senders', dfs(), async () => {
      const [s, r] = mpsc.channel<number>();
      const s2 = s.clone();
      thread.spawn(async () => void (await s.send(5)).unwrap(), { move: [s] });
      thread.spawn(async () => void (await s2.send(6)).unwrap(), { move: [s2] });
      let val = (await r.recv()).unwrap();
      val += (await r.recv()).unwrap();
      assert(val === 11, 'assert_eq!(val, 11)');
    });
  });

  const nonCommutative = (expected: number) => async () => {
    const [s, r] = mpsc.channel<number>();
    const s2 = s.clone();
    thread.spawn(async () => void (await s.send(5)), { move: [s] });
    thread.spawn(async () => void (await s2.send(6)), { move: [s2] });
    const val = (await r.recv()).unwrap();
    assert(val === expected, `assert_eq!(val, ${expected})`);
    await r.recv();
  };

  // #[should_panic]
  it('mpsc_loom_non_commutative_senders1', async () => {
    await fails('mpsc_loom_non_commutative_senders1', dfs(), ['assertion'], /assert_eq!\(val, 5\)/, nonCommutative(5));
  });

  // #[should_panic]
  it('mpsc_loom_non_commutative_senders2', async () => {
    await fails('mpsc_loom_non_commutative_senders2', dfs(), ['assertion'], /assert_eq!\(val, 6\)/, nonCommutative(6));
  });

  it('mpsc_loom_drop_receiver', async () => {
    await passes('mpsc_loom_drop_receiver', dfs(), async () => {
      const [s, r] = mpsc.channel<number>();
      (await s.send(1)).unwrap();
      (await s.send(2)).unwrap();
      assert((await r.recv()).unwrap() === 1, 'assert_eq!(r.recv().unwrap(), 1)');
    });
  });

  for (const [name, bound] of [['mpsc_unbounded_sum', undefined], ['mpsc_bounded_sum', 1], ['mpsc_rendezvous_sum', 0]] as const) {
    it(name, async () => {
      await passes(name, dfs(), async () => {
        const [tx, rx] = bound === undefined ? mpsc.channel<number>() : mpsc.syncChannel<number>(bound);
        const tx2 = tx.clone();
        thread.spawn(async () => {
          (await tx.send(1)).unwrap();
          (await tx.send(2)).unwrap();
        }, { move: [tx] });
        thread.spawn(async () => void (await tx2.send(3)).unwrap(), { move: [tx2] });
        assert((await sum(rx)) === 6, 'assert_eq!(sum, 6)');
      });
    });
  }

  it('mpsc_drop_sender_unbounded', async () => {
    await passes('mpsc_drop_sender_unbounded', dfs(), async () => {
      const [tx, rx] = mpsc.channel<number>();
      thread.spawn(async () => {
        (await tx.send(1)).unwrap();
        await drop(tx);
      }, { move: [tx] });
      assert((await rx.recv()).unwrap() === 1, 'assert_eq!(rx.recv().unwrap(), 1)');
      assert((await rx.recv()).isErr(), 'assert!(rx.recv().is_err())');
    });
  });

  it('mpsc_drop_receiver_bounded', async () => {
    await passes('mpsc_drop_receiver_bounded', dfs(), async () => {
      const [tx, rx] = mpsc.syncChannel<number>(0);
      const h = thread.spawn(async () => (await tx.send(1)).isErr(), { move: [tx] });
      await drop(rx);
      assert((await h.join()).unwrap(), 'assert!(tx.send(1).is_err())');
    });
  });

  it('mpsc_try_recv', async () => {
    await passes('mpsc_try_recv', dfs(), async () => {
      const [tx, rx] = mpsc.channel<number>();
      const e = await rx.tryRecv();
      assert(e.isErr() && e.unwrapErr().kind === 'Empty', 'assert_eq!(rx.try_recv(), Err(TryRecvError::Empty))');
      (await tx.send(1)).unwrap();
      assert((await rx.tryRecv()).unwrap() === 1, 'assert_eq!(rx.try_recv(), Ok(1))');
      await drop(tx);
      const d = await rx.tryRecv();
      assert(d.isErr() && d.unwrapErr().kind === 'Disconnected', 'assert_eq!(rx.try_recv(), Err(TryRecvError::Disconnected))');
    });
  });

  it('mpsc_try_send', async () => {
    await passes('mpsc_try_send', dfs(), async () => {
      const [tx, rx] = mpsc.syncChannel<number>(1);
      (await tx.trySend(1)).unwrap();
      const f = await tx.trySend(2);
      assert(f.isErr() && f.unwrapErr().kind === 'Full', 'assert_eq!(tx.try_send(2), Err(TrySendError::Full(2)))');
      assert((await rx.recv()).unwrap() === 1, 'assert_eq!(rx.recv(), Ok(1))');
      await drop(rx);
      const d = await tx.trySend(3);
      assert(d.isErr() && d.unwrapErr().kind === 'Disconnected', 'assert_eq!(tx.try_send(3), Err(TrySendError::Disconnected(3)))');
    });
  });

  // A rendezvous send and receive on one thread.
  it('mpsc_rendezvous_same_thread_deadlock', async () => {
    await fails('mpsc_rendezvous_same_thread_deadlock', dfs(), ['deadlock'], undefined, async () => {
      const [tx, rx] = mpsc.syncChannel<number>(0);
      (await tx.send(1)).unwrap();
      (await rx.recv()).unwrap();
    });
  });
});
