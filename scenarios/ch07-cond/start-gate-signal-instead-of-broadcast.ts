// Course ch07, Signal vs Broadcast (seed lines 1811–1816): Signal wakes one waiter, the one that
// has waited longest; Broadcast wakes all of them. Here three workers wait at a start gate for
// `open`, and the opener changes the condition once and calls Signal.
//
// The bug: one state change that every waiter cares about, announced with Signal. One worker
// wakes up and starts; the others are never told.
// What simcc reports: deadlock on the schedules where more than one worker is already waiting
// when the gate opens (main waits for all of them): the report shows the workers asleep in
// wait of Cond 'gate'. On the others the late workers see `open` before they wait and pass.
// Fixed twin: start-gate-broadcast.ts
import { scenario, go, shared, Mutex, Cond, WaitGroup } from 'simcc';

export default scenario({ name: 'ch07: Signal where Broadcast was needed', expect: ['deadlock'] }, async () => {
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
      // work
      await wg.done();
    }, `worker-${i}`);
  }
  await mu.lock();
  await open.write(true);
  await mu.unlock();
  await gate.signal(); // BUG: wakes only one of the waiting workers
  await wg.wait();
});
