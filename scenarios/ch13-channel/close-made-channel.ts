// Course ch13, the three channel panics (seed lines 3913–3921): the fixed twin of
// close-nil-channel.ts. The server's constructor makes the quit channel, so Stop closes a real
// channel, and a worker waiting on it is released (and gets ok = false).
// What simcc reports: nothing.
import { scenario, go, Channel, WaitGroup, assert } from 'simcc';

export default scenario('ch13: close of a made channel', async () => {
  const s = { quit: new Channel<void>(0, { name: 's.quit' }) };
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    const { ok } = await s.quit.recvOk();
    assert(!ok, 'quit is only ever closed');
    await wg.done();
  }, 'worker');
  await s.quit.close();
  await wg.wait();
});
