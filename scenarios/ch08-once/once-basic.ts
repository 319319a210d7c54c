// Course ch08, Once's contract (seed lines 2101–2137): only the first call to Do runs its f, even
// when later calls pass another function (once.Do(f1) prints "in f1", once.Do(f2) prints
// nothing). Here three goroutines race to initialise a connection through one Once.
//
// Concurrent callers block until the first f has finished, and the end of f happens-before every
// Do returns (seed 2202–2204, Go memory model), so every caller sees the connection f stored.
// What simcc reports: nothing, on every schedule: f runs once, and no read of `conn` races with
// its write.
// Buggy twins: once-recursive-do.ts, broken-once-cas.ts, once-init-failure.ts
import { scenario, go, shared, Once, WaitGroup, assert } from 'simcc';

export default scenario('ch08: Once runs f once, every caller sees its result', async () => {
  const once = new Once('once');
  const conn = shared<string | null>('conn', null);
  let dials = 0;
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      try {
        await once.do(async () => {
          dials++; // conn, err = net.Dial("tcp", addr)
          await conn.write('conn to baidu.com:80');
        });
        assert((await conn.read()) !== null, 'Do returned before the connection was made');
      } finally {
        await wg.done();
      }
    }, `caller-${i}`);
  }
  await wg.wait();
  const f2 = async (): Promise<void> => {
    dials += 100; // fmt.Println("in f2"): never runs
  };
  await once.do(f2);
  assert(dials === 1, `f ran ${dials} times`);
});
