// Course ch05, pitfall 3 "unlocking an unlocked RWMutex" (seed lines 1453–1454), the mismatched
// form: a function takes the read lock and releases it with Unlock, the writer's release (an easy
// slip when the lock was changed from Lock to RLock and one exit path was missed).
//
// The bug: Unlock releases a write lock, and nobody holds one. Go stops the program with
// `fatal error: sync: Unlock of unlocked RWMutex`.
// What simcc reports: unlock-of-unlocked, "sync: Unlock of unlocked RWMutex", on every schedule,
// explaining that the RWMutex is only read-locked.
// Fixed twin: rw-paired-unlock.ts
import { scenario, shared, RWMutex } from 'simcc';

export default scenario({ name: 'ch05: RLock released with Unlock', expect: ['unlock-of-unlocked'] }, async () => {
  const mu = new RWMutex({ name: 'mu' });
  const config = shared('config', 'v1');
  await mu.rLock();
  await config.read();
  await mu.unlock(); // BUG: should be RUnlock
});
