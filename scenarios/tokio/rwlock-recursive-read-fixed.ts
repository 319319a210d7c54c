// tokio: the reader of rwlock-recursive-read.ts passing its guard's data to the helper.
//
//   let cfg = config.read().await;
//   let name = lookup(&cfg).await;        // FIX: use the guard it already holds
//
// One read lock per task: a queued writer waits for it to be dropped, then readers after it go.
// What simcc reports: nothing.
// Buggy twin: rwlock-recursive-read.ts
import { scenario, spawn, sleep, RwLock } from 'simcc/tokio';

export default scenario('tokio: one read lock per task', async () => {
  const config = new RwLock({ name: 'svc', port: 80 }, { name: 'config' });
  const lookup = async (cfg: { name: string }) => {
    await sleep(0);
    return cfg.name; // FIX: no second read lock
  };
  const reader = spawn(async () => {
    const cfg = await config.read();
    await sleep(1);
    const name = await lookup(cfg.value);
    return `${name}:${cfg.value.port}`;
  }, 'reader');
  const writer = spawn(async () => {
    const g = await config.write();
    g.value = { name: 'svc', port: 8080 };
  }, 'writer');
  (await reader.join()).unwrap();
  (await writer.join()).unwrap();
});
