// Course ch17, SingleFlight's Do (seed lines 5150–5213), fixed twin of singleflight-panic.ts. fn
// turns the failure into an error value (Go's `return nil, err`), and Do hands the same result to
// every merged caller, which checks it. One failure is still fanned out to every merged caller
// (the pitfall the extract notes), but as an error each handler can answer, not a crash.
// What simcc reports: nothing.
import { scenario, go, assert, WaitGroup, SingleFlight, yieldNow } from 'simcc';

interface Row {
  row?: string;
  err?: Error;
}

export default scenario('ch17: fn returns an error value; every caller checks it', async () => {
  const group = new SingleFlight({ name: 'loadGroup' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      const { value } = await group.do('user:42', async (): Promise<Row> => {
        await yieldNow();
        return { err: new Error('database connection refused') };
      });
      assert(value.err !== undefined && value.row === undefined); // answer 503, do not crash
      await wg.done();
    }, `request-${i}`);
  }
  await wg.wait();
});
