// tokio: ping-pong-never-ends.ts with a termination path: 'ping' plays a bounded number of rounds and
// then ends, which drops its Sender; 'pong''s loop sees None and ends too; main joins both
// (structured concurrency: no task outlives main).
//
//   tokio::spawn(async move { for i in 0..3 { a2b.send(i).await?; b2a_rx.recv().await; } });   // FIX
//   …; ping.await?; pong.await?;
//
// What simcc reports: nothing.
// Buggy twin: ping-pong-never-ends.ts
import { scenario, spawn, mpsc, assert } from 'simcc/tokio';

export default scenario('tokio: a ping-pong pair with a way to end', async () => {
  const [a2b, a2bRx] = mpsc.channel<number>(1, 'a2b');
  const [b2a, b2aRx] = mpsc.channel<number>(1, 'b2a');
  const ping = spawn(async () => {
    let v = 0;
    for (let round = 0; round < 3; round++) {
      (await a2b.send(v)).unwrap();
      v = (await b2aRx.recv())!;
    }
    return v; // FIX: ping ends, dropping a2b: pong's recv returns None
  }, { name: 'ping', move: [a2b, b2aRx] });
  const pong = spawn(async () => {
    for (let v = await a2bRx.recv(); v !== undefined; v = await a2bRx.recv()) {
      if ((await b2a.send(v + 1)).isErr()) break;
    }
  }, { name: 'pong', move: [b2a, a2bRx] });
  assert((await ping.join()).unwrap() === 3, 'a ball was lost');
  (await pong.join()).unwrap();
});
