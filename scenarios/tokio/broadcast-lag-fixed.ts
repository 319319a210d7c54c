// tokio: a broadcast subscriber that falls behind, fixed: `Err(Lagged(n))` is handled (counted as
// lost events, the loop goes on at the oldest value kept); only `Err(Closed)` ends it.
//
//   match rx.recv().await {
//       Ok(ev) => …,
//       Err(RecvError::Lagged(n)) => { lost += n; }
//       Err(RecvError::Closed) => break,
//   }
//
// What simcc reports: nothing (in some schedules the audit task sees every event, in others it lags
// and the events it got plus those it lost add up to all of them).
// Buggy twin: broadcast-lag.ts
import { scenario, spawn, broadcast, drop, assert } from 'simcc/tokio';

export default scenario('tokio: broadcast subscriber handles Lagged (fixed)', async () => {
  const [tx, rx] = broadcast.channel<string>(2, 'events');
  const audit = spawn(async () => {
    let got = 0;
    let lost = 0;
    for (;;) {
      const r = await rx.recv();
      if (r.ok) got++;
      else if (r.error.kind === 'Lagged') lost += r.error.skipped;
      else break;
    }
    return got + lost;
  }, { name: 'audit', move: [rx] });
  const events = ['login', 'read', 'write', 'logout'];
  for (const ev of events) tx.send(ev).unwrap();
  await drop(tx);
  assert((await audit.join()).unwrap() === events.length, 'every event seen or counted as lost');
});
