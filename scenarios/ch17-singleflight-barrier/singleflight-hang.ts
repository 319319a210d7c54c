// Course ch17, SingleFlight's Do (seed lines 5179–5197), with the pitfall the extract notes: Do
// has no timeout. A slow or hung fn blocks every caller merged into its flight.
//
// The bug: the loader waits for a reply from a back end that never answers (modelled as a channel
// nobody sends on). The first request runs it, and the others wait for that call.
// What simcc reports: deadlock. The report shows the caller that runs fn blocked in the receive, and
// every other request blocked in do('user:42'), waiting for the call that caller runs.
// Fixed twin: singleflight-timeout.ts
import { scenario, go, Channel, WaitGroup, SingleFlight } from 'simcc';

export default scenario({ name: 'ch17: a hung fn blocks every merged caller', expect: ['deadlock'] }, async () => {
  const group = new SingleFlight({ name: 'loadGroup' });
  const backend = new Channel<string>(0, { name: 'backend.reply' }); // never answers
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      await group.do('user:42', async () => backend.recv()); // BUG: no timeout
      await wg.done();
    }, `request-${i}`);
  }
  await wg.wait();
});
