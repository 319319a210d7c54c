// Course ch04, what TryLock is for (seed lines 1058–1067): "update a counter if you can get the
// lock, otherwise skip this time", e.g. a configuration refresh that is pointless while another
// goroutine is already refreshing. Every successful TryLock is paired with an Unlock.
//
// This is the fixed twin of trylock-forgot-unlock.ts.
// What simcc reports: nothing, on every schedule: at most one refresh runs at a time, a goroutine
// that finds the lock taken skips, and the lock is free at the end.
import { scenario, go, shared, Mutex, WaitGroup, assert } from 'simcc';

export default scenario('ch04: TryLock to skip a refresh already in progress', async () => {
  const mu = new Mutex({ name: 'refreshMu' });
  const config = shared('config', 0);
  let refreshes = 0;
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      if (await mu.tryLock()) {
        try {
          refreshes++;
          await config.update((v) => v + 1);
        } finally {
          await mu.unlock();
        }
      } // else: someone is refreshing, skip
      await wg.done();
    }, `refresher-${i}`);
  }
  await wg.wait();
  assert(refreshes >= 1 && (await config.read()) === refreshes, 'a refresh was lost');
  assert(await mu.tryLock(), 'the lock was left held');
  await mu.unlock();
});
