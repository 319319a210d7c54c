// Ported from tokio-rs/loom tests/rwlock.rs.
import { describe, it } from 'vitest';
import { thread, Arc, RwLock, assert, panic } from '../../../src/rust.js';
import { model } from './helpers.js';

describe('loom tests/rwlock.rs', () => {
  it('rwlock_read_one', async () => {
    await model('rwlock_read_one', async () => {
      const lock = Arc.new(new RwLock(1, { name: 'lock' }));
      const cLock = Arc.clone(lock);
      using n = (await lock.read()).unwrap();
      assert(n.value === 1, 'assert_eq!(*n, 1)');
      (
        await thread
          .spawn(async () => {
            using _l = (await cLock.read()).unwrap();
          })
          .join()
      ).unwrap();
    });
  });

  it('rwlock_read_two_write_one', async () => {
    await model('rwlock_read_two_write_one', async () => {
      const lock = Arc.new(new RwLock(1, { name: 'lock' }));
      for (let i = 0; i < 2; i++) {
        const l = Arc.clone(lock);
        thread.spawn(async () => {
          using _l = (await l.read()).unwrap();
          await thread.yieldNow();
        });
      }
      using _l = (await lock.write()).unwrap();
      await thread.yieldNow();
    });
  });

  it('rwlock_try_read', async () => {
    await model('rwlock_try_read', async () => {
      const lock = new RwLock(1, { name: 'lock' });
      const r = await lock.tryRead();
      if (r.isOk()) {
        using n = r.unwrap();
        assert(n.value === 1, 'assert_eq!(*n, 1)');
      } else panic('internal error: entered unreachable code');
    });
  });

  it('rwlock_write', async () => {
    await model('rwlock_write', async () => {
      const lock = new RwLock(1, { name: 'lock' });
      using n = (await lock.write()).unwrap();
      n.value = 2;
      assert((await lock.tryRead()).isErr(), 'assert!(lock.try_read().is_err())');
    });
  });

  it('rwlock_try_write', async () => {
    await model('rwlock_try_write', async () => {
      const lock = new RwLock(1, { name: 'lock' });
      using n = (await lock.read()).unwrap();
      assert(n.value === 1, 'assert_eq!(*n, 1)');
      assert((await lock.tryWrite()).isErr(), 'assert!(lock.try_write().is_err())');
    });
  });
});
