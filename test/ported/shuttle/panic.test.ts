// Ported from awslabs/shuttle tests/basic/panic.rs: a panic in any thread fails the test (unless
// caught), with the thread named; a lock held across a panic is poisoned.
import { describe, it } from 'vitest';
import { thread, Arc, Mutex, assert, panic, catchUnwind } from '../../../src/rust.js';
import { dfs, fails, passes } from './helpers.js';

describe('shuttle tests/basic/panic.rs', () => {
  // #[should_panic(expected = "expected panic")]
  it('panic_in_main', async () => {
    await fails('panic_in_main', dfs(), ['panic'], /expected panic/, async () => {
      panic('expected panic');
    });
  });

  // #[should_panic(expected = "expected panic")]: the finding names the task.
  it('panic_in_thread', async () => {
    const r = await fails('panic_in_thread', dfs(), ['panic'], /expected panic/, async () => {
      const h = thread.spawn(async () => panic('expected panic'), 'child');
      await h.join();
    });
    // shuttle: "test panicked in task 'child'"
    if (!r.findings[0]!.message.includes("'child'")) throw new Error(r.findings[0]!.message);
  });

  it('catch_unwind_in_thread', async () => {
    await passes('catch_unwind_in_thread', dfs(), async () => {
      const h = thread.spawn(async () => {
        const r = await catchUnwind(async () => panic('caught'));
        assert(r.isErr(), 'assert!(result.is_err())');
        return 1;
      });
      assert((await h.join()).unwrap() === 1, 'assert_eq!(h.join().unwrap(), 1)');
    });
  });

  it('mutex_poisoned_by_panic', async () => {
    await passes('mutex_poisoned_by_panic', dfs(), async () => {
      const lock = Arc.new(new Mutex(0, { name: 'lock' }));
      const l = Arc.clone(lock);
      const h = thread.spawn(async () =>
        catchUnwind(async () => {
          using _g = (await l.lock()).unwrap();
          panic('poison');
        }),
      );
      assert((await h.join()).unwrap().isErr(), 'the thread caught its panic');
      assert(await lock.isPoisoned(), 'assert!(lock.is_poisoned())');
      const r = await lock.lock();
      assert(r.isErr(), 'assert!(lock.lock().is_err())');
      using g = r.unwrapOrElse((e) => e.intoInner());
      assert(g.value === 0, 'assert_eq!(*guard, 0)');
    });
  });

  // #[should_panic]: unwrapping the poisoned lock's LockResult panics.
  it('mutex_poisoned_unwrap', async () => {
    await fails('mutex_poisoned_unwrap', dfs(), ['poisoned-lock'], /PoisonError|poison/i, async () => {
      const lock = Arc.new(new Mutex(0, { name: 'lock' }));
      const l = Arc.clone(lock);
      const h = thread.spawn(async () =>
        catchUnwind(async () => {
          using _g = (await l.lock()).unwrap();
          panic('poison');
        }),
      );
      (await h.join()).unwrap();
      using _g = (await lock.lock()).unwrap();
    });
  });
});
