// Course ch12, the config-reload example with atomic.Value and Cond (seed lines 3445–3482): the
// writer sleeps 5–10 s, stores a new config and calls cond.Broadcast() without holding cond.L; the
// reader loops `cond.L.Lock(); cond.Wait(); c := config.Load(); ...; cond.L.Unlock()`. Here the
// reader must apply both reloads (say, to rebuild a connection pool for each new address).
//
// The bug: the reader waits without a condition to check (no version, no loop). A Broadcast that
// comes while the reader is not inside Wait (before it first waits, or while it applies the
// previous config) wakes nobody and is dropped: a Cond has no memory. The reader then waits for a
// reload that has already happened. (The course's own version only delays the next update, since
// atomic.Value always holds the latest config; it breaks once every change must be seen.)
// What simcc reports: deadlock (main waits for the reader), on the schedules where a Broadcast is
// dropped; the report lists the dropped Broadcasts, by 'reloader', with their lines.
// Fixed twin: config-reload-cond-version.ts
import { scenario, go, sleep, AtomicValue, Mutex, Cond, WaitGroup } from 'simcc';

interface Config {
  readonly version: number;
}

export default scenario({ name: 'ch12: config reload with Cond, a lost wake-up', expect: ['deadlock'] }, async () => {
  const config = new AtomicValue<Config>({ version: 1 }, 'config');
  const cond = new Cond(new Mutex({ name: 'cond.L' }), 'cond');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    for (let v = 2; v <= 3; v++) {
      await sleep(5000 + 1000 * v);
      await config.store({ version: v });
      await cond.broadcast(); // without cond.L: fine in Go, but nobody may be waiting
    }
    await wg.done();
  }, 'reloader');
  go(async () => {
    for (let applied = 0; applied < 2; applied++) {
      await cond.L.lock();
      await cond.wait(); // BUG: waits without checking whether a reload already happened
      const c = (await config.load())!;
      await cond.L.unlock();
      void c; // fmt.Printf("new config: %+v\n", c)
      await sleep(500); // apply it
    }
    await wg.done();
  }, 'reader');
  await wg.wait();
});
