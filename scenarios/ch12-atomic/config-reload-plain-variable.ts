// Course ch12, use case 2 "config hot reload" (seed line 3387), without atomic.Value: the reloader
// assigns the new config to a plain package variable and the handlers read it directly.
//
// The bug: the assignment and the reads are not ordered by anything, a data race. In Go a reader
// may see a stale pointer forever, or (for a multi-word value such as an interface or a string, or
// a 64-bit word on 386, seed 3370–3379) half of the old value and half of the new.
// What simcc reports: data-race on `config` between the reloader's write and a handler's read, on
// every schedule.
// Fixed twin: config-reload-atomic-value.ts
import { scenario, go, shared, sleep, WaitGroup } from 'simcc';

interface Config {
  readonly version: number;
  readonly addr: string;
}

export default scenario({ name: 'ch12: config reload through a plain variable', expect: ['data-race'] }, async () => {
  const config = shared<Config>('config', { version: 1, addr: '10.0.0.1:80' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    await sleep(5000);
    await config.write({ version: 2, addr: '10.0.0.2:80' }); // BUG: a plain assignment
    await wg.done();
  }, 'reloader');
  go(async () => {
    for (let r = 0; r < 3; r++) {
      await config.read(); // BUG: a plain read
      await sleep(4000);
    }
    await wg.done();
  }, 'handler');
  await wg.wait();
});
