// Ported from tokio-rs/loom tests/atomic_relaxed.rs.
import { describe, it } from 'vitest';
import { thread, Arc, AtomicUsize, Ordering, assert } from '../../../src/rust.js';
import { model, modelFails } from './helpers.js';

const { Relaxed, Release, Acquire } = Ordering;

describe('loom tests/atomic_relaxed.rs', () => {
  it('compare_and_swap', async () => {
    await model('compare_and_swap', async () => {
      const num = Arc.new(new AtomicUsize(0, 'num'));
      const ths = [0, 1].map(() => {
        const n = Arc.clone(num);
        return thread.spawn(async () => {
          let curr = await n.load(Relaxed);
          for (;;) {
            const r = await n.compareExchange(curr, curr + 1, Relaxed, Relaxed); // compare_and_swap
            const actual = r.isOk() ? r.unwrap() : r.unwrapErr();
            if (actual === curr) return;
            curr = actual;
          }
        });
      });
      for (const th of ths) (await th.join()).unwrap();
      assert((await num.load(Relaxed)) === 2, 'assert_eq!(2, num.load(Relaxed))');
    });
  });

  /** The shared body: n1.0 Relaxed, then n1.1 with `store`; main loads n2.1 with `load`, then n2.0. */
  const checkOrdering = (store: Ordering, load: Ordering) => async () => {
    const n1 = Arc.new({ a: new AtomicUsize(0, 'n.0'), b: new AtomicUsize(0, 'n.1') });
    const n2 = Arc.clone(n1);
    thread.spawn(async () => {
      await n1.a.store(1, Relaxed);
      await n1.b.store(1, store);
    });
    if ((await n2.b.load(load)) === 1) assert((await n2.a.load(Relaxed)) === 1, 'assert_eq!(1, n2.0.load(Relaxed))');
  };

  it('check_ordering_valid', async () => {
    await model('check_ordering_valid', checkOrdering(Release, Acquire));
  });

  // #[should_panic]
  it('check_ordering_invalid_1', async () => {
    await modelFails('check_ordering_invalid_1', checkOrdering(Relaxed, Acquire), ['assertion'], /assert_eq!\(1, n2\.0/);
  });

  // #[should_panic]
  it('check_ordering_invalid_2', async () => {
    await modelFails('check_ordering_invalid_2', checkOrdering(Release, Relaxed), ['assertion'], /assert_eq!\(1, n2\.0/);
  });
});
