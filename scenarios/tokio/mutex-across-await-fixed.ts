// tokio: the refresh of mutex-across-await.ts holding the tokio Mutex guard across the await.
//
//   let mut g = cache.lock().await;      // FIX: one guard for the whole read-modify-write
//   let fresh = fetch(*g).await;         // fine with tokio's Mutex: the other task waits (FIFO)
//   *g = fresh;
//
// Holding a tokio Mutex guard across an await is correct (slower: the other refresh waits); it is a
// std Mutex held across an await that blocks a worker.
// What simcc reports: nothing.
// Buggy twin: mutex-across-await.ts
import { scenario, spawn, sleep, Mutex, assert } from 'simcc/tokio';

export default scenario('tokio: a tokio Mutex guard held across an await', async () => {
  const cache = new Mutex(0, { name: 'cache' });
  const refresh = async () => {
    const g = await cache.lock(); // FIX: held across the await
    const v = g.value;
    await sleep(1); // fetch()
    g.value = v + 1;
  };
  const a = spawn(refresh, 'refresh-a');
  const b = spawn(refresh, 'refresh-b');
  (await a.join()).unwrap();
  (await b.join()).unwrap();
  const g = await cache.lock();
  assert(g.value === 2, `an update was lost: ${g.value}`);
});
