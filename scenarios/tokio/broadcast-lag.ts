// tokio: a broadcast subscriber that falls behind (seed reference P-broadcast: "Lagged").
//
//   let (tx, mut rx) = broadcast::channel(2);
//   let audit = tokio::spawn(async move {
//       loop { let ev = rx.recv().await.unwrap(); … }   // BUG: Err(Lagged(n)) is not an end
//   });
//   for ev in events { tx.send(ev).unwrap(); }          // a burst faster than the subscriber
//
// The bug: a receiver more than `capacity` values behind gets `Err(Lagged(n))` (it lost n events)
// and resumes at the oldest value kept; the subscriber unwraps every recv, so a burst panics it.
// What simcc reports: panic (called `Result::unwrap()` on an `Err` value: Lagged).
// Fixed twin: broadcast-lag-fixed.ts
import { scenario, spawn, broadcast, drop } from 'simcc/tokio';

export default scenario({ name: 'tokio: broadcast subscriber unwraps a Lagged', expect: ['panic'] }, async () => {
  const [tx, rx] = broadcast.channel<string>(2, 'events');
  const audit = spawn(async () => {
    for (;;) {
      const r = await rx.recv();
      if (!r.ok && r.error.kind === 'Closed') break;
      r.unwrap(); // BUG
    }
  }, { name: 'audit', move: [rx] });
  for (const ev of ['login', 'read', 'write', 'logout']) tx.send(ev).unwrap();
  await drop(tx);
  (await audit.join()).unwrap();
});
