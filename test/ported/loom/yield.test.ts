// Ported from tokio-rs/loom tests/yield.rs.
import { describe, it } from 'vitest';
import { thread, Arc, AtomicUsize, Ordering } from '../../../src/rust.js';
import { model } from './helpers.js';

describe('loom tests/yield.rs', () => {
  // The writer's Relaxed store must become visible to main's spinning load: a yield catches the
  // thread's view up with every atomic's newest store (rust/atomic-runtime.ts catchUpAtYield), so the
  // exploration ends (it did not before: main could read the stale 0 forever).
  it('yield_completes', async () => {
    await model('yield_completes', async () => {
      const inc = Arc.new(new AtomicUsize(0, 'inc'));
      {
        const i = Arc.clone(inc);
        thread.spawn(async () => {
          await i.store(1, Ordering.Relaxed);
        });
      }
      for (;;) {
        if ((await inc.load(Ordering.Relaxed)) === 1) return;
        await thread.yieldNow();
      }
    }, { maxTimeS: 10 });
  });
});
