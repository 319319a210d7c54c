// tokio: a shared counter behind a tokio Mutex, updated across an await (a cache refresh: read the
// entry, fetch, write it back), with the guard dropped before the await to "not hold the lock".
//
//   let v = { *cache.lock().await };     // BUG: the guard is dropped at the end of the statement
//   let fresh = fetch(v).await;
//   *cache.lock().await = fresh;
//
// The bug: between the read and the write another task updates the entry, and its update is lost.
// (A std Mutex must not be held across an await — that blocks a worker thread; a tokio Mutex may be:
// the other task just waits, in FIFO order.)
// What simcc reports: assertion ("an update was lost").
// Fixed twin: mutex-across-await-fixed.ts
import { scenario, spawn, sleep, drop, Mutex, assert } from 'simcc/tokio';

export default scenario({ name: 'tokio: a read-modify-write split around an await', expect: ['assertion'] }, async () => {
  const cache = new Mutex(0, { name: 'cache' });
  const refresh = async () => {
    const g = await cache.lock();
    const v = g.value;
    await drop(g); // BUG
    await sleep(1); // fetch()
    const g2 = await cache.lock();
    g2.value = v + 1;
  };
  const a = spawn(refresh, 'refresh-a');
  const b = spawn(refresh, 'refresh-b');
  (await a.join()).unwrap();
  (await b.join()).unwrap();
  const g = await cache.lock();
  assert(g.value === 2, `an update was lost: ${g.value}`);
});
