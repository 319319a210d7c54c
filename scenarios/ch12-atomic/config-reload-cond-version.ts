// Course ch12, the config-reload example with atomic.Value and Cond (seed lines 3445–3482), fixed
// the Cond way (ch07, seed 1962): the state the reader waits for is a version number kept under
// cond.L, and the reader waits in a loop `for seen == version { cond.Wait() }`. A Broadcast that
// finds nobody waiting is now harmless: the reader sees the new version before it would wait.
//
// This is the fixed twin of config-reload-cond-lost-wakeup.ts. (The reader may skip a version
// when two reloads come close together; it always ends on the latest one.)
// What simcc reports: nothing, on every schedule.
import { scenario, go, sleep, shared, AtomicValue, Mutex, Cond, WaitGroup, assert } from 'simcc';

interface Config {
  readonly version: number;
}

export default scenario('ch12: config reload with Cond and a version', async () => {
  const config = new AtomicValue<Config>({ version: 1 }, 'config');
  const cond = new Cond(new Mutex({ name: 'cond.L' }), 'cond');
  const version = shared('version', 1); // guarded by cond.L
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    for (let v = 2; v <= 3; v++) {
      await sleep(5000 + 1000 * v);
      await config.store({ version: v });
      await cond.L.lock();
      await version.write(v);
      await cond.L.unlock();
      await cond.broadcast();
    }
    await wg.done();
  }, 'reloader');
  go(async () => {
    let seen = 1;
    while (seen < 3) {
      await cond.L.lock();
      while ((await version.read()) === seen) await cond.wait();
      seen = await version.read();
      await cond.L.unlock();
      const c = (await config.load())!;
      assert(c.version >= seen, 'the config is older than its version');
      await sleep(500);
    }
    await wg.done();
  }, 'reader');
  await wg.wait();
});
