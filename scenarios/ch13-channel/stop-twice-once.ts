// Course ch13 (seed lines 3913–3921) with ch08's fix: the fixed twin of stop-twice-sequential.ts.
// Stop closes `done` inside a sync.Once, so calling it twice — even from two goroutines at once —
// closes the channel exactly once, and the Once orders both calls after the close.
// What simcc reports: nothing.
import { scenario, go, Channel, Once, WaitGroup } from 'simcc';

export default scenario('ch13: Stop closes done through a Once', async () => {
  const done = new Channel<void>(0, { name: 'done' });
  const once = new Once();
  const stop = () => once.do(() => done.close());
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    await stop(); // a signal handler
    await wg.done();
  }, 'signal');
  await stop(); // main's own cleanup
  await wg.wait();
});
