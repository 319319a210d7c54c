// Course ch05, pitfall 3 "unlocking an unlocked RWMutex" (seed lines 1453–1454): Lock/Unlock and
// RLock/RUnlock must pair up, "nothing missing, nothing extra". Here a lookup releases its read
// lock on the not-found path and then again in the common exit path.
//
// The bug: one RUnlock too many. Go's RUnlock finds no reader and stops the program with
// `fatal error: sync: RUnlock of unlocked RWMutex` (a fatal error: recover cannot catch it).
// What simcc reports: unlock-of-unlocked, "sync: RUnlock of unlocked RWMutex", on every schedule
// where a lookup misses (the first one always does).
// Fixed twin: rw-paired-unlock.ts
import { scenario, go, GoMap, RWMutex, WaitGroup } from 'simcc';

async function lookup(mu: RWMutex, m: GoMap<string, number>, key: string): Promise<number> {
  await mu.rLock();
  let v = await m.get(key);
  if (v === undefined) {
    await mu.rUnlock(); // BUG: released here...
    v = 0;
  }
  await mu.rUnlock(); // ...and here again
  return v;
}

export default scenario({ name: 'ch05: one RUnlock too many', expect: ['unlock-of-unlocked'] }, async () => {
  const mu = new RWMutex({ name: 'mu' });
  const m = new GoMap<string, number>('m');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    try {
      await mu.lock();
      await m.set('a', 1);
      await mu.unlock();
    } finally {
      await wg.done();
    }
  }, 'writer');
  await lookup(mu, m, 'b');
  await wg.wait();
});
