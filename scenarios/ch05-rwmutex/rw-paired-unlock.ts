// Course ch05, pitfall 3 "unlocking an unlocked RWMutex" (seed lines 1453–1454), fixed: every
// RLock is paired with exactly one RUnlock and every Lock with one Unlock, on every path (here with
// try/finally, Go's defer).
//
// This is the fixed twin of rw-extra-runlock.ts and rw-rlock-then-unlock.ts.
// What simcc reports: nothing.
import { scenario, go, GoMap, RWMutex, WaitGroup, assert } from 'simcc';

async function lookup(mu: RWMutex, m: GoMap<string, number>, key: string): Promise<number> {
  await mu.rLock();
  try {
    return (await m.get(key)) ?? 0;
  } finally {
    await mu.rUnlock();
  }
}

export default scenario('ch05: locks and unlocks paired on every path', async () => {
  const mu = new RWMutex({ name: 'mu' });
  const m = new GoMap<string, number>('m');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    try {
      await mu.lock();
      try {
        await m.set('a', 1);
      } finally {
        await mu.unlock();
      }
    } finally {
      await wg.done();
    }
  }, 'writer');
  assert((await lookup(mu, m, 'b')) === 0);
  await wg.wait();
  assert((await lookup(mu, m, 'a')) === 1);
});
