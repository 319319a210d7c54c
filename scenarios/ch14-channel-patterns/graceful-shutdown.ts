// Course ch14, signal notification: graceful shutdown, the two-phase version (seed lines 4118–4164).
// main waits for SIGTERM on termChan, closes `closing` (phase 1: a broadcast to every worker), starts
// doCleanup, which closes `closed` when it is done (phase 2), and waits for it at most one second:
//   select { case <-closed: case <-time.After(time.Second): fmt.Println("cleanup timed out") }
// The signal channel has a buffer of one, as `go vet` asks for signal.Notify (seed lines 4103–4117).
//
// No bug: the signal arrives 5 ms in, while the server is still starting up (for 10 ms); it waits in
// the channel's buffer until main receives it. Cleanup takes 30 s (the course's takes a minute), so
// main gives up after its one-second timeout, as in the course (in almost every schedule: one that
// stalls main for 30 s after the timeout fired finds both cases ready, and select may pick either).
// What simcc reports: nothing, in every schedule: the workers end on `closing`; doCleanup is still
// sleeping when main returns, and simcc's leak check lets its timer fire (virtual time goes on for the
// goroutines left, up to 60 s after main's return), after which it closes `closed` and ends.
// Buggy twin: graceful-shutdown-unbuffered-signal.ts
import { scenario, go, sleep, after, Channel, select, afterFunc } from 'simcc';

// An operating-system signal: like Go's signal.Notify, delivery never blocks. If `ch` has no room and
// no receiver is waiting at that moment, the signal is dropped.
function notifyAt(ms: number, ch: Channel<string>, sig: string): void {
  afterFunc(ms, async () => {
    await select([ch.sendCase(sig)], { default: true }); // non-blocking, as signal delivery is
  });
}

export default scenario('ch14: two-phase graceful shutdown with a cleanup timeout', async () => {
  const termChan = new Channel<string>(1, { name: 'termChan' }); // FIX: room for the signal
  notifyAt(5, termChan, 'SIGTERM');

  const closing = new Channel<void>(0, { name: 'closing' });
  const closed = new Channel<void>(0, { name: 'closed' });
  const jobs = new Channel<number>(0, { name: 'jobs' });
  const ready = new Channel<void>(0, { name: 'ready' });
  go(async () => {
    await sleep(10); // server startup
    await ready.close();
  }, 'startup');
  for (let w = 0; w < 2; w++) {
    go(async () => {
      for (;;) {
        const r = await select([closing.recvCase(), jobs.recvCase()]);
        if (r.index === 0) return; // phase 1 reached this worker
        await sleep(1); // the business
      }
    }, `worker-${w}`);
  }

  await ready.recv();
  await jobs.send(1);
  await jobs.send(2);
  await termChan.recv();
  await closing.close();
  go(async () => {
    await sleep(30_000); // doCleanup: the course's sleeps a minute
    await closed.close();
  }, 'doCleanup');
  await select([closed.recvCase(), after(1000).recvCase()]); // case 1: "cleanup timed out, not waiting"
});
