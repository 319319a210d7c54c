// tokio: a config reload through `watch` (the latest value only).
//
//   let (cfg_tx, mut cfg_rx) = watch::channel(Config { version: 1 });
//   let server = tokio::spawn(async move {
//       loop {
//           cfg_rx.changed().await.unwrap();     // BUG: Err once the config source is gone
//           apply(&*cfg_rx.borrow_and_update());
//       }
//   });
//   cfg_tx.send(Config { version: 2 }).unwrap();
//   drop(cfg_tx);                                 // the config source shuts down
//
// The bug: `changed()` returns `Err(RecvError)` once the Sender is dropped (after any unseen value);
// the server unwraps it, so a normal shutdown of the config source panics the server.
// What simcc reports: panic (called `Result::unwrap()` on an `Err` value: RecvError).
// Fixed twin: watch-config-reload-fixed.ts
import { scenario, spawn, watch, drop } from 'simcc/tokio';

export default scenario({ name: 'tokio: watch reload unwraps changed()', expect: ['panic'] }, async () => {
  const [cfgTx, cfgRx] = watch.channel({ version: 1 }, 'config');
  const server = spawn(async () => {
    let applied = cfgRx.borrowAndUpdate().version;
    for (;;) {
      (await cfgRx.changed()).unwrap(); // BUG
      applied = cfgRx.borrowAndUpdate().version;
    }
    return applied;
  }, { name: 'server', move: [cfgRx] });
  cfgTx.send({ version: 2 }).unwrap();
  await drop(cfgTx);
  (await server.join()).unwrap();
});
