// tokio: std-mutex-across-await.ts with tokio's Mutex, whose guard may be held across an await.
//
//   let mut g = stats.lock().await;       // tokio::sync::Mutex
//   tokio::time::sleep(10ms).await;       // FIX: the other task waits at its own await, not on the worker
//   *g += 1;
//
// 'b' waits for the lock at a tokio await: the worker is free to poll 'a', which releases it.
// What simcc reports: nothing.
// Buggy twin: std-mutex-across-await.ts; the other fix (std guard dropped before the await):
// std-mutex-across-await-fixed-drop.ts
import { scenario, spawn, sleep, Mutex, assert } from 'simcc/tokio';

export default scenario({ name: "tokio: tokio's Mutex held across an await on current_thread", runtime: { flavor: 'current_thread' } }, async () => {
  const stats = new Mutex(0, { name: 'stats' });
  const bump = async () => {
    const g = await stats.lock();
    await sleep(10); // FIX: a tokio guard across an await is fine
    g.value += 1;
  };
  const a = spawn(bump, 'a');
  const b = spawn(bump, 'b');
  (await a.join()).unwrap();
  (await b.join()).unwrap();
  const g = await stats.lock();
  assert(g.value === 2, `stats is ${g.value}`);
});
