// Ported from awslabs/shuttle tests/basic/rwlock.rs.
import { describe, expect, it } from 'vitest';
import { thread, Arc, RwLock, AtomicUsize, Ordering, assert } from '../../../src/rust.js';
import { dfs, fails, passes, random } from './helpers.js';

const { SeqCst } = Ordering;

async function deadlock(): Promise<void> {
  const lock1 = Arc.new(new RwLock(0, { name: 'lock1' }));
  const lock2 = Arc.new(new RwLock(0, { name: 'lock2' }));
  const [lock1Clone, lock2Clone] = [Arc.clone(lock1), Arc.clone(lock2)];
  thread.spawn(async () => {
    using _l1 = (await lock1Clone.write()).unwrap();
    using _l2 = (await lock2Clone.write()).unwrap();
  });
  using _l2 = (await lock2.write()).unwrap();
  using _l1 = (await lock1.write()).unwrap();
}

describe('shuttle tests/basic/rwlock.rs', () => {
  it('reader_concurrency', async () => {
    let sawConcurrentReads = false;
    await passes('reader_concurrency', dfs(), async () => {
      const rwlock = Arc.new(new RwLock(0, { name: 'rwlock' }));
      const readers = Arc.new(new AtomicUsize(0, 'readers'));
      for (let i = 0; i < 2; i++) {
        const [rw, rd] = [Arc.clone(rwlock), Arc.clone(readers)];
        thread.spawn(async () => {
          using _g = (await rw.read()).unwrap();
          const prev = await rd.fetchAdd(1, SeqCst);
          if (prev > 0) sawConcurrentReads = true;
          await rd.fetchSub(1, SeqCst);
        });
      }
    });
    expect(sawConcurrentReads).toBe(true);
  });

  // #[should_panic(expected = "deadlock")]
  it('deadlock_default', async () => {
    await fails('deadlock_default', dfs(), ['deadlock'], undefined, deadlock);
  });

  // #[should_panic(expected = "deadlock")]
  it('deadlock_random', async () => {
    await fails('deadlock_random', random(1000), ['deadlock', 'lock-order-inversion'], undefined, deadlock);
  });

  // #[should_panic(expected = "racing increments")]
  it('concurrent_increment_buggy', async () => {
    await fails('concurrent_increment_buggy', dfs(), ['assertion'], /racing increments/, async () => {
      const lock = Arc.new(new RwLock(0, { name: 'lock' }));
      const threads = [0, 1].map(() => {
        const l = Arc.clone(lock);
        return thread.spawn(async () => {
          let curr: number;
          {
            using g = (await l.read()).unwrap();
            curr = g.value;
          }
          using g = (await l.write()).unwrap();
          g.value = curr + 1;
        });
      });
      for (const thd of threads) (await thd.join()).unwrap();
      using g = (await lock.read()).unwrap();
      assert(g.value === 2, 'racing increments');
    });
  });

  it('concurrent_increment', async () => {
    await passes('concurrent_increment', dfs(), async () => {
      const lock = Arc.new(new RwLock(0, { name: 'lock' }));
      const threads = [0, 1].map(() => {
        const l = Arc.clone(lock);
        return thread.spawn(async () => {
          using g = (await l.write()).unwrap();
          g.value += 1;
        });
      });
      for (const thd of threads) (await thd.join()).unwrap();
      using g = (await lock.read()).unwrap();
      assert(g.value === 2, 'racing increments');
    });
  });

  it('rwlock_into_inner', async () => {
    await passes('rwlock_into_inner', dfs(), async () => {
      const lock = Arc.new(new RwLock(0, { name: 'lock' }));
      const threads = [0, 1].map(() => {
        const l = Arc.clone(lock);
        return thread.spawn(async () => {
          using g = (await l.write()).unwrap();
          g.value += 1;
        });
      });
      for (const thd of threads) (await thd.join()).unwrap();
      const v = (await Arc.deref(lock).intoInner()).unwrap();
      assert(v === 2, 'assert_eq!(lock, 2)');
    });
  });
});

// Not in shuttle under this name: try_read / try_write.
describe('simcc additions (not in shuttle)', () => {
  it('rwlock_try_read_write', async () => {
    await passes('rwlock_try_read_write', dfs(), async () => {
      const lock = new RwLock(0, { name: 'lock' });
      {
        using _r = (await lock.read()).unwrap();
        using _r2 = (await lock.tryRead()).unwrap();
        const w = await lock.tryWrite();
        assert(w.isErr() && w.unwrapErr().kind === 'WouldBlock', 'try_write while read-locked is WouldBlock');
      }
      using _w = (await lock.write()).unwrap();
      const r = await lock.tryRead();
      assert(r.isErr() && r.unwrapErr().kind === 'WouldBlock', 'try_read while write-locked is WouldBlock');
    });
  });
});
