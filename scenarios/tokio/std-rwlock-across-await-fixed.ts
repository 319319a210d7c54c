// tokio: std-rwlock-across-await.ts with tokio's RwLock: a reader that finds the write guard taken
// suspends at `read().await` instead of blocking the worker, so the writer resumes and releases it.
//
//   let cfg = tokio::sync::RwLock::new(Config::default());   // FIX
//   let g = cfg.read().await;
//
// What simcc reports: nothing.
// Buggy twin: std-rwlock-across-await.ts
import { scenario, spawn, sleep, Notify, RwLock, drop, assert } from 'simcc/tokio';

export default scenario({ name: "tokio: tokio's RwLock held across an await", runtime: { flavor: 'current_thread' } }, async () => {
  const cfg = new RwLock({ version: 0 }, { name: 'cfg' });
  const started = new Notify({ name: 'started' });
  const writer = spawn(async () => {
    const g = await cfg.write();
    started.notifyOne();
    await sleep(10); // fine: a tokio guard may be held across an await
    g.value.version += 1;
    await drop(g);
  }, 'writer');
  const reader = spawn(async () => {
    await started.notified();
    const g = await cfg.read();
    const v = g.value.version;
    await drop(g);
    return v;
  }, 'reader');
  (await writer.join()).unwrap();
  assert((await reader.join()).unwrap() === 1, 'the reader saw the write');
});
