// Ported from awslabs/shuttle tests/future/batch_semaphore.rs (shuttle's BatchSemaphore, which backs its
// tokio wrapper's Semaphore), onto simcc/tokio's Semaphore. Test names are reconstructed.
import { describe, it } from 'vitest';
import { spawn, drop, assert, sleep, timeout, Semaphore } from '../../../src/tokio.js';
import { Arc, UnsafeCell } from '../../../src/rust.js';
import { dfs, dfsSynctest, fails, passes } from './helpers.js';

describe('shuttle tests/future/batch_semaphore.rs', () => {
  // A semaphore of 0 permits as a signal: the release happens-before the acquire returns.
  it('batch_semaphore_signal', async () => {
    await passes('batch_semaphore_signal', dfs(), async () => {
      const sem = Arc.new(new Semaphore(0, { name: 'sem' }));
      const data = Arc.new(new UnsafeCell(0, 'data'));
      const s = Arc.clone(sem);
      const d = Arc.clone(data);
      spawn(async () => {
        await d.set(42);
        s.addPermits(1);
      }, 'writer');
      (await sem.acquire(1)).unwrap().forget();
      assert((await data.get()) === 42);
    });
  });

  // Without the semaphore's edge the same accesses race.
  it('batch_semaphore_no_signal_races', async () => {
    await fails('batch_semaphore_no_signal_races', dfs(), ['data-race'], undefined, async () => {
      const data = Arc.new(new UnsafeCell(0, 'data'));
      const d = Arc.clone(data);
      const h = spawn(async () => d.set(42), 'writer');
      void (await data.get());
      (await h.join()).unwrap();
    });
  });

  // Permits go to the head of the queue first: a later small request is not served while a large one waits
  // for more (no barging), even when there are enough permits for the small one alone.
  it('batch_semaphore_fifo', async () => {
    await passes('batch_semaphore_fifo', dfsSynctest(), async () => {
      const sem = Arc.new(new Semaphore(0, { name: 'sem' }));
      const big = spawn(async () => (await sem.acquire(3)).unwrap().forget(), 'big');
      await sleep(1); // the big request queues first
      const small = spawn(async () => (await sem.acquire(1)).unwrap().forget(), 'small');
      await sleep(1);
      sem.addPermits(2); // enough for small, not for the head
      await sleep(1);
      assert(!big.isFinished() && !small.isFinished(), 'the small request barged past the big one');
      sem.addPermits(1); // the head is served
      await sleep(1);
      assert(big.isFinished() && !small.isFinished(), 'FIFO: big first, small still waits');
      sem.addPermits(1);
      (await big.join()).unwrap();
      (await small.join()).unwrap();
    });
  });

  // try_acquire fails while a waiter is queued, even if enough permits are free for it alone.
  it('batch_semaphore_try_acquire_with_waiter', async () => {
    await passes('batch_semaphore_try_acquire_with_waiter', dfsSynctest(), async () => {
      const sem = Arc.new(new Semaphore(1, { name: 'sem' }));
      const h = spawn(async () => (await sem.acquire(2)).unwrap().forget(), 'waiter');
      await sleep(1);
      assert(sem.tryAcquire(1).isErr(), 'tryAcquire barged past a queued waiter');
      sem.addPermits(1);
      (await h.join()).unwrap();
    });
  });

  // An acquire dropped while waiting (here by a timeout) gives back the permits it had been assigned.
  it('batch_semaphore_drop_acquire', async () => {
    await passes('batch_semaphore_drop_acquire', dfs(), async () => {
      const sem = Arc.new(new Semaphore(2, { name: 'sem' }));
      const r = await timeout(5, () => sem.acquire(3));
      assert(r.isErr(), 'acquire(3) of 2 permits completed');
      assert(sem.availablePermits() === 2, `permits ${sem.availablePermits()}`);
      const p = (await sem.acquire(2)).unwrap();
      await drop(p);
      assert(sem.availablePermits() === 2);
    });
  });

  // close() wakes every waiter with an error; a permit held across the close is still released.
  it('batch_semaphore_close', async () => {
    await passes('batch_semaphore_close', dfs(), async () => {
      const sem = Arc.new(new Semaphore(1, { name: 'sem' }));
      const held = (await sem.acquire(1)).unwrap();
      const ws = [0, 1].map((i) => spawn(async () => (await sem.acquire(1)).isErr(), `w${i}`));
      sem.close();
      for (const w of ws) assert((await w.join()).unwrap(), 'an acquire succeeded after close');
      await drop(held);
      assert(sem.availablePermits() === 1);
      assert((await sem.acquire(1)).isErr());
    });
  });

  // A waiter that is not woken by a release of too few permits deadlocks (the finding names it).
  it('batch_semaphore_too_few_permits', async () => {
    await fails('batch_semaphore_too_few_permits', dfs(), ['deadlock'], undefined, async () => {
      const sem = Arc.new(new Semaphore(0, { name: 'sem' }));
      const h = spawn(async () => (await sem.acquire(2)).unwrap().forget(), 'waiter');
      sem.addPermits(1);
      (await h.join()).unwrap();
    });
  });
});
