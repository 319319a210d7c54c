// Kernel of moby (Docker) #28462, fixed: CloseMonitorChannel closes `stop` instead of sending on it,
// so StateChanged never waits for the monitor while it holds the container lock; the monitor sees
// the closed channel at its next select and returns.
//   func (s *Health) CloseMonitorChannel() {
//       if s.stop != nil { close(s.stop); s.stop = nil }
//   }
// No bug: main waits for StateChanged and for the monitor to stop.
// Buggy twin: moby-28462-lock-then-send.ts
import { scenario, go, select, yieldNow, Channel, Mutex, shared } from 'simcc';

export default scenario('moby 28462 fixed: health monitor stop channel closed', async () => {
  const c = new Mutex({ name: 'container.mu' });
  const probeResults = shared('container.State.Health.Log', 0);
  const stop = new Channel<void>(0, { name: 'health.stop' });
  const stateChanged = new Channel<void>(0, { name: 'stateChangedDone' });
  const monitorDone = new Channel<void>(0, { name: 'monitorDone' });

  go(async () => {
    for (;;) {
      const r = await select([stop.recvCase()], { default: true });
      if (r.index === 0) break;
      await yieldNow(); // runtime.Gosched() in handleProbeResult
      await c.lock();
      await probeResults.update((n) => n + 1);
      await c.unlock();
    }
    await monitorDone.close();
  }, 'monitor');

  go(async () => {
    await c.lock();
    await stop.close(); // FIX: close never blocks
    await c.unlock();
    await stateChanged.close();
  }, 'StateChanged');

  await stateChanged.recv();
  await monitorDone.recv();
});
