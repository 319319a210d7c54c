// Course ch03, real bugs: etcd issue 10419 (seed lines 1042–1043). Store takes the lock and then
// calls Compact, which takes the same lock again, so it waits forever. The fix is a Compact variant
// that does not lock. This is a kernel of the bug, not etcd's code. Here a Store that makes the
// history longer than the retention window compacts on the spot.
//
// The bug: two writers Store one revision each. Whichever Store comes second brings the revision to
// 2, which is beyond the retention of 1, so it calls compact() while it holds s.mu, and compact()
// locks s.mu again.
// What simcc reports: double-lock, at compact()'s Lock, naming the second writer and where it first
// took s.mu (in store()). The second Store always compacts, so this happens in every schedule.
// Fixed twin: etcd-10419-fixed.ts
import { scenario, go, shared, Mutex, WaitGroup, type Shared } from 'simcc';

class KVStore {
  mu = new Mutex({ name: 's.mu' });
  rev: Shared<number> = shared('s.rev', 0);
  compacted: Shared<number> = shared('s.compacted', 0);
  readonly retention = 1;

  async store(): Promise<void> {
    await this.mu.lock();
    try {
      const rev = (await this.rev.read()) + 1;
      await this.rev.write(rev);
      if (rev - (await this.compacted.read()) > this.retention) {
        await this.compact(rev - this.retention);
      }
    } finally {
      await this.mu.unlock();
    }
  }

  async compact(rev: number): Promise<void> {
    await this.mu.lock(); // BUG: store() already holds s.mu
    try {
      await this.compacted.write(rev);
    } finally {
      await this.mu.unlock();
    }
  }
}

export default scenario({ name: 'etcd 10419: Store re-locks through Compact', expect: ['double-lock'] }, async () => {
  const s = new KVStore();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      try {
        await s.store();
      } finally {
        await wg.done();
      }
    }, `writer-${i}`);
  }
  await wg.wait();
});
