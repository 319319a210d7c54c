// tokio: a task takes a read lock, then (in a helper) a second read lock of the same RwLock, while a
// writer is queued (seed pitfall P21: a recursive read under a fair or writer-preferring RwLock).
//
//   let cfg = config.read().await;
//   let name = lookup(&config).await;     // BUG: lookup does config.read().await again
//
// The bug: tokio's RwLock is fair (FIFO): a writer queued between the two reads blocks the second
// read, and the writer waits for the first read guard, which the reader holds: each waits for the other.
// What simcc reports: deadlock.
// Fixed twin: rwlock-recursive-read-fixed.ts
import { scenario, spawn, sleep, RwLock } from 'simcc/tokio';

export default scenario({ name: 'tokio: a recursive read behind a queued writer', expect: ['deadlock'] }, async () => {
  const config = new RwLock({ name: 'svc', port: 80 }, { name: 'config' });
  const lookup = async () => {
    const again = await config.read(); // BUG: a second read lock
    return again.value.name;
  };
  const reader = spawn(async () => {
    const cfg = await config.read();
    await sleep(1);
    const name = await lookup();
    return `${name}:${cfg.value.port}`;
  }, 'reader');
  const writer = spawn(async () => {
    const g = await config.write();
    g.value = { name: 'svc', port: 8080 };
  }, 'writer');
  (await reader.join()).unwrap();
  (await writer.join()).unwrap();
});
