// Ported from awslabs/shuttle tests/basic/mutex.rs.
import { describe, expect, it } from 'vitest';
import { thread, Arc, Mutex, assert } from '../../../src/rust.js';
import { dfs, fails, passes, pct, random } from './helpers.js';

/** fn deadlock(): two threads take two locks in opposite orders. */
async function deadlock(): Promise<void> {
  const lock1 = Arc.new(new Mutex(0, { name: 'lock1' }));
  const lock2 = Arc.new(new Mutex(0, { name: 'lock2' }));
  const [lock1Clone, lock2Clone] = [Arc.clone(lock1), Arc.clone(lock2)];
  thread.spawn(async () => {
    using _l1 = (await lock1Clone.lock()).unwrap();
    using _l2 = (await lock2Clone.lock()).unwrap();
  });
  using _l2 = (await lock2.lock()).unwrap();
  using _l1 = (await lock1.lock()).unwrap();
}

describe('shuttle tests/basic/mutex.rs', () => {
  it('basic_lock_test', async () => {
    await passes('basic_lock_test', dfs(), async () => {
      const lock = Arc.new(new Mutex(0, { name: 'lock' }));
      const lockClone = Arc.clone(lock);
      thread.spawn(async () => {
        using g = (await lockClone.lock()).unwrap();
        g.value += 1;
      });
      using g = (await lock.lock()).unwrap();
      g.value += 1;
    });
  });

  // #[should_panic(expected = "deadlock")]
  it('deadlock_default', async () => {
    await fails('deadlock_default', dfs(), ['deadlock'], undefined, deadlock);
  });

  // #[should_panic(expected = "deadlock")]
  it('deadlock_random', async () => {
    await fails('deadlock_random', random(1000), ['deadlock', 'lock-order-inversion'], undefined, deadlock);
  });

  // #[should_panic(expected = "deadlock")]
  it('deadlock_pct', async () => {
    await fails('deadlock_pct', pct(1000, 3), ['deadlock', 'lock-order-inversion'], undefined, deadlock);
  });

  // #[should_panic(expected = "racing increments")]
  it('concurrent_increment_buggy', async () => {
    await fails('concurrent_increment_buggy', dfs(), ['assertion'], /racing increments/, async () => {
      const lock = Arc.new(new Mutex(0, { name: 'lock' }));
      const threads = [0, 1].map(() => {
        const l = Arc.clone(lock);
        return thread.spawn(async () => {
          let curr: number;
          {
            using g = (await l.lock()).unwrap();
            curr = g.value;
          }
          using g = (await l.lock()).unwrap();
          g.value = curr + 1;
        });
      });
      for (const thd of threads) (await thd.join()).unwrap();
      let value: number;
      {
        using g = (await lock.lock()).unwrap();
        value = g.value;
      }
      assert(value === 2, 'racing increments');
    });
  });

  it('concurrent_increment', async () => {
    await passes('concurrent_increment', dfs(), async () => {
      const lock = Arc.new(new Mutex(0, { name: 'lock' }));
      const threads = [0, 1].map(() => {
        const l = Arc.clone(lock);
        return thread.spawn(async () => {
          using g = (await l.lock()).unwrap();
          g.value += 1;
        });
      });
      for (const thd of threads) (await thd.join()).unwrap();
      using g = (await lock.lock()).unwrap();
      assert(g.value === 2, 'racing increments');
    });
  });

  it('unlock_yields', async () => {
    const observedValues = new Set<number>();
    await passes('unlock_yields', dfs(), async () => {
      const lock = Arc.new(new Mutex(0, { name: 'lock' }));
      const l1 = Arc.clone(lock);
      const addThread = thread.spawn(async () => {
        {
          using g = (await l1.lock()).unwrap();
          g.value += 1;
        }
        using g = (await l1.lock()).unwrap();
        g.value += 1;
      });
      const l2 = Arc.clone(lock);
      const mulThread = thread.spawn(async () => {
        using g = (await l2.lock()).unwrap();
        g.value *= 2;
      });
      (await addThread.join()).unwrap();
      (await mulThread.join()).unwrap();
      using g = (await lock.tryLock()).unwrap();
      observedValues.add(g.value);
    });
    expect([...observedValues].sort()).toEqual([2, 3, 4]);
  });

  it('mutex_into_inner', async () => {
    await passes('mutex_into_inner', dfs(), async () => {
      const lock = Arc.new(new Mutex(0, { name: 'lock' }));
      const threads = [0, 1].map(() => {
        const l = Arc.clone(lock);
        return thread.spawn(async () => {
          using g = (await l.lock()).unwrap();
          g.value += 1;
        });
      });
      for (const thd of threads) (await thd.join()).unwrap();
      // Arc::try_unwrap(lock).unwrap().into_inner().unwrap()
      const v = (await Arc.deref(lock).intoInner()).unwrap();
      assert(v === 2, 'assert_eq!(lock, 2)');
    });
  });


});

// Not in shuttle under these names: re-locking a held Mutex, and try_lock.
describe('simcc additions (not in shuttle)', () => {
  // A thread locking a Mutex it already holds: shuttle panics ("deadlock"), simcc reports double-lock.
  it('double_lock', async () => {
    await fails('double_lock', dfs(), ['double-lock', 'deadlock'], undefined, async () => {
      const lock = new Mutex(0, { name: 'lock' });
      using _g1 = (await lock.lock()).unwrap();
      using _g2 = (await lock.lock()).unwrap();
    });
  });

  it('try_lock', async () => {
    await passes('try_lock', dfs(), async () => {
      const lock = Arc.new(new Mutex(0, { name: 'lock' }));
      {
        using _g = (await lock.lock()).unwrap();
        const r = await lock.tryLock();
        assert(r.isErr() && r.unwrapErr().kind === 'WouldBlock', 'assert!(matches!(lock.try_lock(), Err(TryLockError::WouldBlock)))');
      }
      using g = (await lock.tryLock()).unwrap();
      assert(g.value === 0, 'assert_eq!(*lock.try_lock().unwrap(), 0)');
    });
  });
});
