// tokio: a config reload through `watch`, fixed: the loop ends when `changed()` errs (the config
// source is gone), and the server has applied the latest config by then — watch keeps the latest value
// only, so it may skip version 2 when 3 came first, but never ends on an old one.
//
//   while cfg_rx.changed().await.is_ok() { apply(&*cfg_rx.borrow_and_update()); }
//
// What simcc reports: nothing.
// Buggy twin: watch-config-reload.ts
import { scenario, spawn, watch, drop, assert } from 'simcc/tokio';

export default scenario('tokio: watch config reload (fixed)', async () => {
  const [cfgTx, cfgRx] = watch.channel({ version: 1 }, 'config');
  const server = spawn(async () => {
    let applied = cfgRx.borrowAndUpdate().version;
    while ((await cfgRx.changed()).isOk()) applied = cfgRx.borrowAndUpdate().version;
    return applied;
  }, { name: 'server', move: [cfgRx] });
  cfgTx.send({ version: 2 }).unwrap();
  cfgTx.sendModify((c) => ({ version: c.version + 1 }));
  await drop(cfgTx);
  assert((await server.join()).unwrap() === 3, 'the server ends on the latest config');
});
