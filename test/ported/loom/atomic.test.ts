// Ported from tokio-rs/loom tests/atomic.rs.
import { describe, it } from 'vitest';
import { thread, Arc, AtomicUsize, Ordering, panic } from '../../../src/rust.js';
import { model } from './helpers.js';

const { Release, AcqRel, Acquire } = Ordering;

describe('loom tests/atomic.rs', () => {
  // A regression test: a compare_and_swap (a read-modify-write) must read the latest value in the
  // modification order, so the two CASes cannot both leave 2 behind.
  it('compare_and_swap_reads_old_values', async () => {
    await model('compare_and_swap_reads_old_values', async () => {
      const a = Arc.new(new AtomicUsize(0, 'a'));
      const b = Arc.new(new AtomicUsize(0, 'b'));
      const a2 = Arc.clone(a);
      const b2 = Arc.clone(b);
      const th = thread.spawn(async () => {
        await a2.store(1, Release);
        await b2.compareExchange(0, 2, AcqRel, Acquire); // b2.compare_and_swap(0, 2, AcqRel)
      });
      await b.store(1, Release);
      await a.compareExchange(0, 2, AcqRel, Acquire); // a.compare_and_swap(0, 2, AcqRel)
      (await th.join()).unwrap();
      const aVal = await a.load(Acquire);
      const bVal = await b.load(Acquire);
      if (aVal === 2 && bVal === 2) panic('explicit panic');
    });
  });
});
