// tokio: a lazily built client shared by tasks, initialised by hand: check, then build, then store.
//
//   if CLIENT.get().is_none() {          // BUG: check-then-act across an await
//       let c = connect().await;
//       let _ = CLIENT.set(c);
//   }
//
// The bug: two tasks both see no client and both connect (twice the connections; the loser's set
// fails and its connection is thrown away).
// What simcc reports: assertion ("connected 2 times").
// Fixed twin: once-cell-lazy-init-fixed.ts
import { scenario, spawn, sleep, OnceCell, assert } from 'simcc/tokio';

export default scenario({ name: 'tokio: a lazy init by hand connects twice', expect: ['assertion'] }, async () => {
  const client = new OnceCell<string>({ name: 'client' });
  let connects = 0;
  const handler = async () => {
    if (client.get() === undefined) {
      // BUG
      await sleep(5); // connect()
      connects++;
      client.set(`conn-${connects}`);
    }
    return client.get();
  };
  const a = spawn(handler, 'handler-a');
  const b = spawn(handler, 'handler-b');
  (await a.join()).unwrap();
  (await b.join()).unwrap();
  assert(connects === 1, `connected ${connects} times`);
});
