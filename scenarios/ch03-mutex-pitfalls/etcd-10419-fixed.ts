// Course ch03, real bugs: etcd issue 10419 (seed lines 1042–1043). The fix (seed 1043) is a Compact
// that does not take the lock, for callers that already hold it.
//
// This is the fixed twin of etcd-10419-reentrant-lock.ts. store() calls compactLocked(). The public
// compact() still locks, for outside callers.
// What simcc reports: nothing. After the two Stores, rev is 2 and compacted is 1.
import { scenario, go, shared, Mutex, WaitGroup, assert, type Shared } from 'simcc';

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
        await this.compactLocked(rev - this.retention);
      }
    } finally {
      await this.mu.unlock();
    }
  }

  async compact(rev: number): Promise<void> {
    await this.mu.lock();
    try {
      await this.compactLocked(rev);
    } finally {
      await this.mu.unlock();
    }
  }

  // Must be called with s.mu held.
  private async compactLocked(rev: number): Promise<void> {
    await this.compacted.write(rev);
  }
}

export default scenario('etcd 10419 fixed: compactLocked', async () => {
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
  await s.compact(1); // an explicit compaction from outside: locks, fine
  assert((await s.rev.read()) === 2 && (await s.compacted.read()) === 1, 'rev 2, compacted 1');
});
