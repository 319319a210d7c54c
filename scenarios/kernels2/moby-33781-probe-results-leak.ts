// Kernel of moby (Docker) #33781 (GoKer blocking/moby/33781): the container health-check monitor.
//   func monitor(stop chan bool) {
//       for {
//           select {
//           case <-stop: return
//           case <-time.After(probeInterval):
//               results := make(chan bool)
//               ctx, cancelProbe := context.WithTimeout(context.Background(), probeTimeout)
//               go func() { results <- runProbe(ctx); close(results) }()
//               select {
//               case <-stop:
//                   cancelProbe()
//                   return                      // BUG: results is never drained
//               case <-results:
//                   cancelProbe()
//               case <-ctx.Done():
//                   cancelProbe()
//                   <-results
//               }
//           }
//       }
//   }
//
// The bug: when the container stops while a probe runs, monitor returns on `stop`, and the probe
// goroutine blocks for ever in `results <- …` (unbuffered, nobody left to receive).
// Expected finding: leak (the probe goroutine blocked in its send).
// Fixed twin: moby-33781-fixed.ts
import { scenario, go, sleep, select, after, context, Channel } from 'simcc';

const PROBE_INTERVAL = 10;
const PROBE_TIMEOUT = 10;

async function monitor(stop: Channel<boolean>): Promise<void> {
  for (;;) {
    const r = await select([stop.recvCase(), after(PROBE_INTERVAL).recvCase()]);
    if (r.index === 0) return;
    const results = new Channel<boolean>(0, { name: 'results' });
    const [ctx, cancelProbe] = context.withTimeout(context.background(), PROBE_TIMEOUT);
    go(async () => {
      await sleep(3); // the probe: exec a command in the container
      await results.send(true);
      await results.close();
    }, 'probe');
    const p = await select([stop.recvCase(), results.recvCase(), ctx.done().recvCase()]);
    if (p.index === 0) {
      await cancelProbe();
      return; // BUG: results should be drained here
    }
    await cancelProbe();
    if (p.index === 2) await results.recv();
  }
}

export default scenario({ name: 'moby 33781: health monitor returns without draining the probe', expect: ['leak'] }, async () => {
  const stop = new Channel<boolean>(0, { name: 'stop' });
  go(() => monitor(stop), 'monitor');
  await sleep(12); // the container stops soon after the first probe started
  await stop.send(true);
});
