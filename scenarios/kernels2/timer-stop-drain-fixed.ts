// The "Stop, then drain" timer bug, fixed: the loop drains only when it has not received the value
// itself.
//   fired := false
//   select { case <-t.C: fired = true; flush() ... }
//   if !t.Stop() && !fired { <-t.C }
//   t.Reset(idle)
// No bug. The idle timer keeps being reset while the loop runs, so in the default free time mode
// explore may not run out of executions; --time synctest completes it.
// Buggy twin: timer-stop-drain-deadlock.ts
import { scenario, go, select, newTimer, Channel, shared } from 'simcc';

const IDLE = 10;

export default scenario('timer: drain only a value not yet received', async () => {
  const events = new Channel<number>(0, { name: 'events' });
  const stop = new Channel<void>(0, { name: 'stop' });
  const loopDone = new Channel<void>(0, { name: 'loopDone' });
  const flushed = shared('flushed', 0);

  go(async () => {
    const t = newTimer(IDLE, 'idle');
    for (;;) {
      const r = await select([t.c.recvCase(), events.recvCase(), stop.recvCase()]);
      if (r.index === 2) break;
      const fired = r.index === 0;
      if (fired) await flushed.update((n) => n + 1);
      if (!(await t.stop()) && !fired) await t.c.recv(); // FIX
      await t.reset(IDLE);
    }
    await t.stop();
    await loopDone.close();
  }, 'eventLoop');

  for (let i = 0; i < 2; i++) await events.send(i);
  await stop.close();
  await loopDone.recv();
});
