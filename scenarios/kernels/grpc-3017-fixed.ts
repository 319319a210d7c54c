// Kernel of gRPC #3017, the fix: the AfterFunc callback unlocks ccc.mu on the abortDeleting path too.
//
// No bug: whichever of the timer and NewSubConn wins, ccc.mu is always released.
// Buggy twin: grpc-3017-afterfunc-missing-unlock.ts
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
        await this.mu.unlock(); // FIX
        return;
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

export default scenario({ name: 'grpc 3017 fixed: the callback unlocks before returning' }, async () => {
  const ccc = new LbCacheClientConn(10);
  const sc = await ccc.newSubConn('a');
  await ccc.removeSubConn('a', sc);
  await sleep(10); // the balancer asks for the address again around the cache expiry
  await ccc.newSubConn('a');
  await ccc.close();
});
