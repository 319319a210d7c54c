// Ported from awslabs/shuttle tests/basic/barrier.rs.
import { describe, it } from 'vitest';
import { thread, Arc, Barrier, AtomicUsize, Ordering, assert } from '../../../src/rust.js';
import { dfs, fails, passes } from './helpers.js';

const { SeqCst } = Ordering;

/** n threads, a Barrier of `batch`: every thread sees all `batch` arrivals of its round before leaving. */
function barrierTest(batchSize: number, numThreads: number) {
  return async () => {
    const barrier = Arc.new(new Barrier(batchSize));
    const arrived = Arc.new(new AtomicUsize(0, 'arrived'));
    const leaders = Arc.new(new AtomicUsize(0, 'leaders'));
    const hs = Array.from({ length: numThreads }, (_, i) => {
      const [b, a, l] = [Arc.clone(barrier), Arc.clone(arrived), Arc.clone(leaders)];
      return thread.spawn(async () => {
        const before = await a.fetchAdd(1, SeqCst);
        const r = await b.wait();
        if (r.isLeader) await l.fetchAdd(1, SeqCst);
        const after = await a.load(SeqCst);
        // a whole batch arrived before any wait returned, and this thread's own arrival too
        assert(after >= batchSize && after > before, 'assert!(a whole batch arrived before wait returned)');
      }, `t${i}`);
    });
    for (const h of hs) (await h.join()).unwrap();
    assert((await leaders.load(SeqCst)) === numThreads / batchSize, 'assert_eq!(leaders, num_threads / batch_size)');
  };
}

describe('shuttle tests/basic/barrier.rs', () => {
  it('barrier_simple', async () => {
    await passes('barrier_simple', dfs(), barrierTest(3, 3));
  });

  it('barrier_batch_of_one', async () => {
    await passes('barrier_batch_of_one', dfs(), barrierTest(1, 3));
  });

  it('barrier_two_batches', async () => {
    await passes('barrier_two_batches', dfs(), barrierTest(2, 4));
  });

  // #[should_panic(expected = "deadlock")]: fewer threads than the barrier waits for.
  it('barrier_too_few_threads', async () => {
    await fails('barrier_too_few_threads', dfs(), ['deadlock'], undefined, async () => {
      const barrier = Arc.new(new Barrier(3));
      const hs = [0, 1].map(() => {
        const b = Arc.clone(barrier);
        return thread.spawn(async () => void (await b.wait()));
      });
      for (const h of hs) (await h.join()).unwrap();
    });
  });
});
