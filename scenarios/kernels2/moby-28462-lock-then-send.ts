// Kernel of moby (Docker) #28462 (GoKer blocking/moby/28462): the health-check monitor.
//   func (d *Daemon) StateChanged() {            // container stopped
//       c.Lock(); defer c.Unlock()
//       d.updateHealthMonitor(c)                 // -> h.CloseMonitorChannel()
//   }
//   func (s *Health) CloseMonitorChannel() {
//       if s.stop != nil { s.stop <- struct{}{} }  // BUG: unbuffered send while holding c's lock
//   }
//   func monitor(c *Container, stop chan struct{}) {
//       for {
//           select {
//           case <-stop: return
//           default: handleProbeResult(c)        // runtime.Gosched(); c.Lock(); ...; c.Unlock()
//           }
//       }
//   }
//
// The bug: when the monitor has passed its select and waits for c's lock, StateChanged holds that
// lock and waits for the monitor to receive `stop`: each waits for the other.
// Expected finding: deadlock (main waits for StateChanged, which waits on the send; the monitor waits
// on the lock).
// Fixed twin: moby-28462-fixed.ts
import { scenario, go, select, yieldNow, Channel, Mutex, shared } from 'simcc';

export default scenario({ name: 'moby 28462: health monitor stop sent under the container lock', expect: ['deadlock'] }, async () => {
  const c = new Mutex({ name: 'container.mu' });
  const probeResults = shared('container.State.Health.Log', 0);
  const stop = new Channel<void>(0, { name: 'health.stop' });
  const stateChanged = new Channel<void>(0, { name: 'stateChangedDone' });

  go(async () => {
    for (;;) {
      const r = await select([stop.recvCase()], { default: true });
      if (r.index === 0) return;
      await yieldNow(); // runtime.Gosched() in handleProbeResult
      await c.lock();
      await probeResults.update((n) => n + 1);
      await c.unlock();
    }
  }, 'monitor');

  go(async () => {
    await c.lock();
    await stop.send(undefined); // BUG: CloseMonitorChannel sends while c is locked
    await c.unlock();
    await stateChanged.close();
  }, 'StateChanged');

  await stateChanged.recv();
});
