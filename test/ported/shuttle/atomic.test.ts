// Ported from awslabs/shuttle tests/basic/atomic.rs. shuttle treats every ordering as SeqCst; these
// tests use SeqCst (or an RMW), so they mean the same under simcc's memory model.
import { describe, it } from 'vitest';
import { thread, Arc, AtomicUsize, AtomicBool, AtomicI32, Ordering, assert } from '../../../src/rust.js';
import { dfs, fails, passes } from './helpers.js';

const { SeqCst } = Ordering;

describe('shuttle tests/basic/atomic.rs', () => {
  it('atomic_counter', async () => {
    await passes('atomic_counter', dfs(), async () => {
      const counter = Arc.new(new AtomicUsize(0, 'counter'));
      const threads = [0, 1, 2].map(() => {
        const c = Arc.clone(counter);
        return thread.spawn(async () => void (await c.fetchAdd(1, SeqCst)));
      });
      for (const t of threads) (await t.join()).unwrap();
      assert((await counter.load(SeqCst)) === 3, 'assert_eq!(counter.load(SeqCst), 3)');
    });
  });

  // #[should_panic]: load, then store, is not an atomic increment.
  it('atomic_counter_racy', async () => {
    await fails('atomic_counter_racy', dfs(), ['assertion'], undefined, async () => {
      const counter = Arc.new(new AtomicUsize(0, 'counter'));
      const threads = [0, 1].map(() => {
        const c = Arc.clone(counter);
        return thread.spawn(async () => {
          const v = await c.load(SeqCst);
          await c.store(v + 1, SeqCst);
        });
      });
      for (const t of threads) (await t.join()).unwrap();
      assert((await counter.load(SeqCst)) === 2, 'assert_eq!(counter.load(SeqCst), 2)');
    });
  });

  it('atomic_compare_exchange', async () => {
    await passes('atomic_compare_exchange', dfs(), async () => {
      const flag = Arc.new(new AtomicBool(false, 'flag'));
      const winners = Arc.new(new AtomicI32(0, 'winners'));
      const threads = [0, 1].map(() => {
        const [f, w] = [Arc.clone(flag), Arc.clone(winners)];
        return thread.spawn(async () => {
          if ((await f.compareExchange(false, true, SeqCst, SeqCst)).isOk()) await w.fetchAdd(1, SeqCst);
        });
      });
      for (const t of threads) (await t.join()).unwrap();
      assert((await winners.load(SeqCst)) === 1, 'assert_eq!(winners, 1)');
    });
  });

  // SeqCst store buffering: at least one thread sees the other's store.
  it('atomic_seq_cst', async () => {
    await passes('atomic_seq_cst', dfs(), async () => {
      const x = Arc.new(new AtomicBool(false, 'x'));
      const y = Arc.new(new AtomicBool(false, 'y'));
      const [x1, y1] = [Arc.clone(x), Arc.clone(y)];
      const t = thread.spawn(async () => {
        await x1.store(true, SeqCst);
        return y1.load(SeqCst);
      });
      await y.store(true, SeqCst);
      const b = await x.load(SeqCst);
      const a = (await t.join()).unwrap();
      assert(a || b, 'assert!(a || b)');
    });
  });
});
