// Course ch14, graceful shutdown v1 (seed lines 4103–4117): `termChan := make(chan os.Signal)`,
// unbuffered, passed to signal.Notify. Go's signal delivery never blocks: with no room in the channel
// and no receiver waiting at that moment, the signal is dropped (`go vet`: "misuse of unbuffered
// os.Signal channel as argument to signal.Notify").
//
// The bug: SIGTERM arrives 5 ms in, while main is still waiting for the server to start (10 ms). No
// one is receiving from termChan yet, so the signal is lost, and main waits for it forever.
// What simcc reports: deadlock (`all goroutines are asleep - deadlock!`), in every schedule (the
// signal's timer always fires before startup's): main is blocked receiving from termChan, the workers
// wait for jobs or `closing`, and no timer is left.
// Fixed twin: graceful-shutdown.ts (`make(chan os.Signal, 1)`, and the two-phase shutdown)
import { scenario, go, sleep, after, Channel, select, afterFunc } from 'simcc';

// An operating-system signal: like Go's signal.Notify, delivery never blocks. If `ch` has no room and
// no receiver is waiting at that moment, the signal is dropped.
function notifyAt(ms: number, ch: Channel<string>, sig: string): void {
  afterFunc(ms, async () => {
    await select([ch.sendCase(sig)], { default: true }); // non-blocking, as signal delivery is
  });
}

export default scenario({ name: 'ch14: an unbuffered signal channel drops SIGTERM', expect: ['deadlock'] }, async () => {
  const termChan = new Channel<string>(0, { name: 'termChan' }); // BUG: unbuffered
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
        if (r.index === 0) return;
        await sleep(1); // the business
      }
    }, `worker-${w}`);
  }

  await ready.recv();
  await jobs.send(1);
  await jobs.send(2);
  await termChan.recv(); // the signal came and went
  await closing.close();
  go(async () => {
    await sleep(30_000); // doCleanup
    await closed.close();
  }, 'doCleanup');
  await select([closed.recvCase(), after(1000).recvCase()]);
});
