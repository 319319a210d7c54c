// tokio: the lazy client of once-cell-lazy-init.ts with OnceCell::get_or_init.
//
//   let c = CLIENT.get_or_init(|| async { connect().await }).await;   // FIX
//
// One task runs the initialiser; the others wait for it and get its value (and if the initialising
// task were cancelled, the next waiter would initialise instead).
// What simcc reports: nothing.
// Buggy twin: once-cell-lazy-init.ts
import { scenario, spawn, sleep, OnceCell, assert } from 'simcc/tokio';

export default scenario('tokio: OnceCell.getOrInit connects once', async () => {
  const client = new OnceCell<string>({ name: 'client' });
  let connects = 0;
  const handler = async () =>
    client.getOrInit(async () => {
      // FIX
      await sleep(5); // connect()
      connects++;
      return `conn-${connects}`;
    });
  const a = spawn(handler, 'handler-a');
  const b = spawn(handler, 'handler-b');
  const ca = (await a.join()).unwrap();
  const cb = (await b.join()).unwrap();
  assert(connects === 1 && ca === cb, `connected ${connects} times`);
});
