// Course ch04, TryLock (seed lines 1062–1125), misused: the demo's `if m.TryLock() { ...;
// m.Unlock() }` (seed 1119) with an early return on the success path that skips the Unlock (the
// refresh finds nothing new to load).
//
// The bug: a successful TryLock is a Lock and must be paired with an Unlock on every path. The
// goroutine returns holding the lock; every later TryLock fails forever, and the shutdown path's
// Lock blocks forever.
// What simcc reports: deadlock when main's final Lock waits for a lock that its holder, a goroutine
// that has already finished, never released (the report says who took it and where).
// Fixed twin: trylock-skip-update.ts
import { scenario, go, shared, Mutex, WaitGroup } from 'simcc';

export default scenario({ name: 'ch04: TryLock success without Unlock', expect: ['deadlock'] }, async () => {
  const mu = new Mutex({ name: 'refreshMu' });
  const version = shared('version', 1);
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      if (await mu.tryLock()) {
        const latest = 1; // the version found on the server
        if ((await version.read()) === latest) {
          await wg.done();
          return; // BUG: returns holding the lock
        }
        await version.write(latest);
        await mu.unlock();
      }
      await wg.done();
    }, `refresher-${i}`);
  }
  await wg.wait();
  await mu.lock(); // shutdown: wait for any refresh in progress
  await mu.unlock();
});
