// Course ch13 (seed lines 3913–3921): the fixed twin of send-after-close.ts. The only closer is the
// one that knows every sender has finished: the retry's send is waited for (WaitGroup) before
// `results` is closed, so no send can follow the close.
// What simcc reports: nothing.
import { scenario, go, Channel, WaitGroup, assert } from 'simcc';

export default scenario('ch13: results closed after every sender is done', async () => {
  const results = new Channel<string>(4, { name: 'results' });
  const senders = new WaitGroup({ name: 'senders' });
  await senders.add(2);
  await results.send('first try');
  await senders.done();
  go(async () => {
    await results.send('retried');
    await senders.done();
  }, 'retry');
  await senders.wait();
  await results.close();
  const got: string[] = [];
  for await (const r of results) got.push(r);
  assert(got.length === 2, `got ${got.length} results`);
});
