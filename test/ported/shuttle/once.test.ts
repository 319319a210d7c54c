// Ported from awslabs/shuttle tests/basic/once.rs (Once and OnceLock).
import { describe, expect, it } from 'vitest';
import { thread, Arc, Once, OnceLock, AtomicUsize, UnsafeCell, Ordering, assert, panic, catchUnwind } from '../../../src/rust.js';
import { dfs, fails, passes } from './helpers.js';

const { SeqCst } = Ordering;

describe('shuttle tests/basic/once.rs', () => {
  it('basic', async () => {
    await passes('basic', dfs(), async () => {
      const once = Arc.new(new Once());
      const counter = Arc.new(new AtomicUsize(0, 'counter'));
      const hs = [0, 1].map(() => {
        const [o, c] = [Arc.clone(once), Arc.clone(counter)];
        return thread.spawn(async () => {
          await o.callOnce(async () => void (await c.fetchAdd(1, SeqCst)));
          assert(await o.isCompleted(), 'assert!(once.is_completed())');
        });
      });
      await once.callOnce(async () => void (await counter.fetchAdd(1, SeqCst)));
      for (const h of hs) (await h.join()).unwrap();
      assert((await counter.load(SeqCst)) === 1, 'assert_eq!(counter.load(SeqCst), 1)');
    });
  });

  // The initialisation happens-before every call_once that returns: a plain write inside is seen.
  it('call_once_synchronizes', async () => {
    await passes('call_once_synchronizes', dfs(), async () => {
      const once = Arc.new(new Once());
      const data = Arc.new(new UnsafeCell(0, 'data'));
      const hs = [0, 1].map(() => {
        const [o, d] = [Arc.clone(once), Arc.clone(data)];
        return thread.spawn(async () => {
          await o.callOnce(() => d.set(42));
          assert((await d.get()) === 42, 'assert_eq!(*data, 42)');
        });
      });
      for (const h of hs) (await h.join()).unwrap();
    });
  });

  // Which thread runs the initialiser is a scheduling choice: both must be seen.
  it('multiple_threads_race', async () => {
    const winners = new Set<number>();
    await passes('multiple_threads_race', dfs(), async () => {
      const once = Arc.new(new Once());
      const who = Arc.new(new AtomicUsize(0, 'who'));
      const hs = [1, 2].map((i) => {
        const [o, w] = [Arc.clone(once), Arc.clone(who)];
        return thread.spawn(async () => o.callOnce(async () => void (await w.store(i, SeqCst))));
      });
      for (const h of hs) (await h.join()).unwrap();
      winners.add(await who.load(SeqCst));
    });
    expect([...winners].sort()).toEqual([1, 2]);
  });

  // #[should_panic]: a panic inside call_once poisons the Once; a later call_once panics.
  it('poisoned_once', async () => {
    await fails('poisoned_once', dfs(), ['panic'], undefined, async () => {
      const once = new Once();
      const r = await catchUnwind(() => once.callOnce(() => panic('init failed')));
      assert(r.isErr(), 'assert!(result.is_err())');
      await once.callOnce(() => {});
    });
  });

  it('oncelock_get_or_init', async () => {
    const values = new Set<string>();
    await passes('oncelock_get_or_init', dfs(), async () => {
      const cell = Arc.new(new OnceLock<number>());
      const hs = [1, 2].map((i) => {
        const c = Arc.clone(cell);
        return thread.spawn(async () => c.getOrInit(() => i));
      });
      const a = (await hs[0]!.join()).unwrap();
      const b = (await hs[1]!.join()).unwrap();
      assert(a === b, 'assert_eq!(a, b)');
      assert((await cell.get()) === a, 'assert_eq!(cell.get(), Some(&a))');
      values.add(`${a}`);
    });
    expect([...values].sort()).toEqual(['1', '2']);
  });

  it('oncelock_set', async () => {
    await passes('oncelock_set', dfs(), async () => {
      const cell = Arc.new(new OnceLock<number>());
      const c = Arc.clone(cell);
      const h = thread.spawn(async () => (await c.set(1)).isOk());
      const mine = (await cell.set(2)).isOk();
      const theirs = (await h.join()).unwrap();
      assert(mine !== theirs, 'exactly one set succeeds');
      assert((await cell.get()) === (mine ? 2 : 1), 'assert_eq!(cell.get(), the winner)');
    });
  });

  it('oncelock_get_before_set', async () => {
    await passes('oncelock_get_before_set', dfs(), async () => {
      const cell = new OnceLock<number>();
      assert((await cell.get()) === undefined, 'assert_eq!(cell.get(), None)');
      (await cell.set(5)).unwrap();
      assert((await cell.get()) === 5, 'assert_eq!(cell.get(), Some(&5))');
    });
  });
});
