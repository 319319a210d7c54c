// Kernel of gRPC #3017 (GoKer blocking/grpc/3017): grpclb's lbCacheClientConn keeps a removed
// SubConn for a while and deletes it from a time.AfterFunc callback:
//   timer := time.AfterFunc(ccc.timeout, func() {
//       ccc.mu.Lock()
//       if entry.abortDeleting {
//           return                      // BUG: returns with ccc.mu still locked
//       }
//       ...; ccc.mu.Unlock()
//   })
//   entry.cancel = func() { if !timer.Stop() { entry.abortDeleting = true } }
// NewSubConn re-uses a cached SubConn and calls entry.cancel() under ccc.mu.
//
// The bug: when the timer has already fired (Stop returns false) but its callback is still waiting
// for ccc.mu, held by NewSubConn, cancel sets abortDeleting; the callback then takes the lock and
// returns without releasing it. The next call that locks ccc.mu (close) blocks forever.
// Expected finding: deadlock (main blocked in ccc.mu.Lock, the callback goroutine has ended).
// Fixed twin: grpc-3017-fixed.ts
import { scenario, sleep, afterFunc, Mutex, GoMap, type FuncTimer } from 'simcc';

interface Entry {
  sc: string;
  abortDeleting: boolean;
  cancel: () => Promise<void>;
}

class LbCacheClientConn {
  readonly mu = new Mutex({ name: 'ccc.mu' });
  readonly cache = new GoMap<string, Entry>('ccc.subConnCache');
  readonly removed = new GoMap<string, boolean>('cc.removed');
  private next = 0;
  constructor(private readonly timeout: number) {}

  async newSubConn(addr: string): Promise<string> {
    await this.mu.lock();
    const [entry, ok] = [await this.cache.get(addr), await this.cache.has(addr)];
    if (ok && entry) {
      await entry.cancel();
      await this.cache.delete(addr);
      await this.mu.unlock();
      return entry.sc;
    }
    const sc = `sc-${addr}-${this.next++}`;
    await this.mu.unlock();
    return sc;
  }

  async removeSubConn(addr: string, sc: string): Promise<void> {
    await this.mu.lock();
    const entry: Entry = { sc, abortDeleting: false, cancel: async () => {} };
    await this.cache.set(addr, entry);
    const timer: FuncTimer = afterFunc(this.timeout, async () => {
      await this.mu.lock();
      if (entry.abortDeleting) {
        return; // BUG: missing this.mu.unlock()
      }
      await this.removed.set(sc, true);
      await this.cache.delete(addr);
      await this.mu.unlock();
    });
    entry.cancel = async () => {
      if (!(await timer.stop())) entry.abortDeleting = true;
    };
    await this.mu.unlock();
  }

  async close(): Promise<void> {
    await this.mu.lock();
    for (const [, entry] of await this.cache.entries()) await entry.cancel();
    await this.mu.unlock();
  }
}

export default scenario({ name: 'grpc 3017: AfterFunc callback returns holding ccc.mu', expect: ['deadlock'] }, async () => {
  const ccc = new LbCacheClientConn(10);
  const sc = await ccc.newSubConn('a');
  await ccc.removeSubConn('a', sc);
  await sleep(10); // the balancer asks for the address again around the cache expiry
  await ccc.newSubConn('a');
  await ccc.close();
});
