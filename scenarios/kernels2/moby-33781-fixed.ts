// Kernel of moby (Docker) #33781, fixed: on `stop` the monitor cancels the probe and drains its result
// before it returns, so the probe goroutine's send always finds a receiver.
//   case <-stop:
//       cancelProbe()
//       <-results
//       return
// No bug. The monitor loops on time.After until stopped, so in the default free time mode explore
// cannot run out of executions (the loop may take its timer case any number of times while `stop` is
// ready): run it with --time synctest to complete.
// Buggy twin: moby-33781-probe-results-leak.ts
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
      await results.recv(); // FIX
      return;
    }
    await cancelProbe();
    if (p.index === 2) await results.recv();
  }
}

export default scenario('moby 33781 fixed: health monitor drains the probe on stop', async () => {
  const stop = new Channel<boolean>(0, { name: 'stop' });
  go(() => monitor(stop), 'monitor');
  await sleep(12); // the container stops soon after the first probe started
  await stop.send(true);
});
