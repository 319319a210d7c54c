// Kernel of the "Stop, then drain" timer bug (the idiom from time.Timer.Stop's documentation applied
// where the timer's value was already received; the subject of Go issue #27169, and fixed in many
// event loops in this form). An event loop with an idle timeout:
//   t := time.NewTimer(idle)
//   for {
//       select {
//       case <-t.C:            flush()
//       case ev := <-events:   handle(ev)
//       case <-stop:           return
//       }
//       if !t.Stop() {
//           <-t.C              // BUG: after the t.C case the value is already gone
//       }
//       t.Reset(idle)
//   }
//
// The bug: once the idle timer has fired and the loop took its t.C case, Stop reports false and the
// drain waits for a value that will never come (pre-1.23 and 1.23+ timers alike). The producer then
// blocks sending its next event.
// Expected finding: deadlock.
// Fixed twin: timer-stop-drain-fixed.ts
import { scenario, go, select, newTimer, Channel, shared } from 'simcc';

const IDLE = 10;

export default scenario({ name: 'timer: Stop-and-drain after the value was received', expect: ['deadlock'] }, async () => {
  const events = new Channel<number>(0, { name: 'events' });
  const stop = new Channel<void>(0, { name: 'stop' });
  const loopDone = new Channel<void>(0, { name: 'loopDone' });
  const flushed = shared('flushed', 0);

  go(async () => {
    const t = newTimer(IDLE, 'idle');
    for (;;) {
      const r = await select([t.c.recvCase(), events.recvCase(), stop.recvCase()]);
      if (r.index === 2) break;
      if (r.index === 0) await flushed.update((n) => n + 1);
      if (!(await t.stop())) await t.c.recv(); // BUG
      await t.reset(IDLE);
    }
    await loopDone.close();
  }, 'eventLoop');

  for (let i = 0; i < 2; i++) await events.send(i);
  await stop.close();
  await loopDone.recv();
});
