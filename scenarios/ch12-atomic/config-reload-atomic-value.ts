// Course ch12, use case 2 "config hot reload" and atomic.Value (seed lines 3387 and 3438–3483):
// many goroutines read a configuration that is replaced now and then. The reloader builds a new
// Config and publishes it with config.Store; readers call config.Load and use what they get.
//
// Store and Load are atomic and synchronising: a Load that returns the new Config sees it fully
// built (the writes made before Store happen-before the Load that observes it), and a reader
// never sees half of one config and half of another, because a Config is never modified after it
// is published.
// What simcc reports: nothing, on every schedule.
// Buggy twin: config-reload-plain-variable.ts
import { scenario, go, sleep, AtomicValue, WaitGroup, assert } from 'simcc';

interface Config {
  readonly version: number;
  readonly addr: string;
  readonly timeoutMs: number;
}

function loadNewConfig(version: number): Config {
  return { version, addr: `10.0.0.${version}:80`, timeoutMs: 100 * version };
}

export default scenario('ch12: config hot reload with atomic.Value', async () => {
  const config = new AtomicValue<Config>(loadNewConfig(1), 'config');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  go(async () => {
    for (let v = 2; v <= 3; v++) {
      await sleep(5000 + 1000 * v); // time.Sleep(time.Duration(5+rand.Int63n(5)) * time.Second)
      await config.store(loadNewConfig(v));
    }
    await wg.done();
  }, 'reloader');
  for (let i = 0; i < 2; i++) {
    go(async () => {
      for (let r = 0; r < 3; r++) {
        const c = (await config.load())!;
        assert(c.addr === `10.0.0.${c.version}:80` && c.timeoutMs === 100 * c.version, 'a torn config');
        await sleep(4000);
      }
      await wg.done();
    }, `handler-${i}`);
  }
  await wg.wait();
  assert((await config.load())!.version === 3, 'the last reload was lost');
});
