// Ported from tokio-rs/loom tests/smoke.rs.
import { describe, it } from 'vitest';
import { thread, Arc, AtomicUsize, Ordering, assert } from '../../../src/rust.js';
import { modelFails } from './helpers.js';

const { Relaxed, Release, Acquire } = Ordering;

class BuggyInc {
  num = new AtomicUsize(0, 'num');
  async inc(): Promise<void> {
    const curr = await this.num.load(Acquire);
    await this.num.store(curr + 1, Release);
  }
}

describe('loom tests/smoke.rs', () => {
  // #[should_panic]
  it('checks_fail', async () => {
    await modelFails(
      'checks_fail',
      async () => {
        const buggyInc = Arc.new(new BuggyInc());
        const ths = [0, 1].map(() => {
          const b = Arc.clone(buggyInc);
          return thread.spawn(() => b.inc());
        });
        for (const th of ths) (await th.join()).unwrap();
        assert((await buggyInc.num.load(Relaxed)) === 2, 'assert_eq!(2, buggy_inc.num.load(Relaxed))');
      },
      ['assertion'],
      /assert_eq!\(2, buggy_inc/,
    );
  });
});
