// Course ch08, misuse 1 "deadlock" (seed lines 2228–2238), fixed: f never calls back into the
// Once; what it needs during the load it computes from what it has loaded so far (seed 2238:
// avoid calling the same Once inside f, directly or indirectly).
//
// This is the fixed twin of once-recursive-do.ts.
// What simcc reports: nothing, on every schedule.
import { scenario, go, shared, Once, WaitGroup, assert, type Shared } from 'simcc';

class Config {
  readonly once = new Once('configOnce');
  readonly values: Shared<Record<string, string>> = shared('config.values', {});

  async get(key: string): Promise<string | undefined> {
    await this.once.do(() => this.load());
    return (await this.values.read())[key];
  }

  private async load(): Promise<void> {
    const v: Record<string, string> = { addr: ':8080', debug: 'false' };
    v.url = `http://localhost${v.addr}`;
    await this.values.write(v);
  }
}

export default scenario('ch08: f does not call its own Once', async () => {
  const cfg = new Config();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    try {
      assert((await cfg.get('debug')) === 'false');
    } finally {
      await wg.done();
    }
  }, 'handler');
  assert((await cfg.get('url')) === 'http://localhost:8080');
  await wg.wait();
});
