// Course ch07, Signal vs Broadcast (seed lines 1811–1816), fixed: the gate opens once for
// everybody, so the opener calls Broadcast (seed 1815–1816: wake all waiters).
//
// This is the fixed twin of start-gate-signal-instead-of-broadcast.ts.
// What simcc reports: nothing. Workers that wait are all woken; workers that come later see
// `open` and do not wait.
import { scenario, go, shared, Mutex, Cond, WaitGroup } from 'simcc';

export default scenario('ch07: a start gate opened with Broadcast', async () => {
  const mu = new Mutex({ name: 'mu' });
  const gate = new Cond(mu, 'gate');
  const open = shared('open', false);
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      await mu.lock();
      while (!(await open.read())) await gate.wait();
      await mu.unlock();
      await wg.done();
    }, `worker-${i}`);
  }
  await mu.lock();
  await open.write(true);
  await mu.unlock();
  await gate.broadcast();
  await wg.wait();
});
