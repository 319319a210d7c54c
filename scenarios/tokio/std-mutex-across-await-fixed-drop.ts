// tokio: std-mutex-across-await.ts with the std guard dropped before the await (tokio's advice: a std
// Mutex is fine in async code when it is never held across an await).
//
//   let v = { let mut g = stats.lock().unwrap(); *g += 1; *g };   // FIX: the guard ends here
//   tokio::time::sleep(10ms).await;
//
// What simcc reports: nothing (a short std lock that does not wait is not blocking-in-async).
// Buggy twin: std-mutex-across-await.ts
import { scenario, spawn, sleep, drop, assert } from 'simcc/tokio';
import { Mutex } from 'simcc/rust';

export default scenario({ name: 'tokio: a std Mutex guard dropped before the await', runtime: { flavor: 'current_thread' } }, async () => {
  const stats = new Mutex(0, { name: 'stats' });
  const bump = async () => {
    const g = (await stats.lock()).unwrap();
    g.value += 1;
    await drop(g); // FIX: released before the await
    await sleep(10);
  };
  const a = spawn(bump, 'a');
  const b = spawn(bump, 'b');
  (await a.join()).unwrap();
  (await b.join()).unwrap();
  const g = (await stats.lock()).unwrap();
  assert(g.value === 2, `stats is ${g.value}`);
});
