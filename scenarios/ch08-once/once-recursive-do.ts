// Course ch08, misuse 1 "deadlock" (seed lines 2228–2238): Do called inside its own f,
// `once.Do(func(){ once.Do(func(){ fmt.Println("初始化") }) })`.
//
// The bug: not an infinite recursion. done is set only after f returns, so the inner Do takes the
// slow path and locks the mutex the outer Do holds while f runs: the goroutine waits for itself.
// Here it is indirect, as it usually is: the config's loader calls a getter that goes through the
// same Once.
// What simcc reports: deadlock at the inner do, naming Once 'configOnce' and where the outer do
// was called, on every schedule, even while other goroutines still run. (Go notices only when
// every goroutine is stuck: `fatal error: all goroutines are asleep - deadlock!`.)
// Fixed twin: once-recursive-do-fixed.ts
import { scenario, go, shared, Once, WaitGroup, type Shared } from 'simcc';

class Config {
  readonly once = new Once('configOnce');
  readonly values: Shared<Record<string, string>> = shared('config.values', {});

  async get(key: string): Promise<string | undefined> {
    await this.once.do(() => this.load());
    return (await this.values.read())[key];
  }

  private async load(): Promise<void> {
    await this.values.write({ addr: ':8080', debug: 'false' });
    const addr = await this.get('addr'); // BUG: re-enters the Once while it loads
    await this.values.update((v) => ({ ...v, url: `http://localhost${addr}` }));
  }
}

export default scenario({ name: 'ch08: Once.Do inside its own f', expect: ['deadlock'] }, async () => {
  const cfg = new Config();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    try {
      await cfg.get('debug');
    } finally {
      await wg.done();
    }
  }, 'handler');
  await cfg.get('url');
  await wg.wait();
});
