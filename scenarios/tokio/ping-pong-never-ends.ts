// tokio: the seed's ping-pong pair (seed 000, pitfall P14 "Wild / leaked tasks"): each task loops until
// the other drops its Sender, which it does only when its own loop ends; main just sleeps and returns.
//
//   tokio::spawn(async move { a2b.send(0).await; while let Some(v) = b2a_rx.recv().await { sleep(1s).await; a2b.send(v + 1).await; } });
//   tokio::spawn(async move { while let Some(v) = a2b_rx.recv().await { sleep(1s).await; b2a.send(v + 1).await; } });
//   sleep(2500ms).await;                                // BUG: no way to stop them
//
// What simcc reports: leak (both tasks are still running their loops after main returned).
// Fixed twin: ping-pong-never-ends-fixed.ts
import { scenario, spawn, sleep, mpsc } from 'simcc/tokio';

export default scenario({ name: 'tokio: a ping-pong pair that never ends', expect: ['leak'] }, async () => {
  const [a2b, a2bRx] = mpsc.channel<number>(1, 'a2b');
  const [b2a, b2aRx] = mpsc.channel<number>(1, 'b2a');
  spawn(async () => {
    (await a2b.send(0)).unwrap();
    for (let v = await b2aRx.recv(); v !== undefined; v = await b2aRx.recv()) {
      await sleep(1000);
      if ((await a2b.send(v + 1)).isErr()) break;
    }
  }, { name: 'ping', move: [a2b, b2aRx] });
  spawn(async () => {
    for (let v = await a2bRx.recv(); v !== undefined; v = await a2bRx.recv()) {
      await sleep(1000);
      if ((await b2a.send(v + 1)).isErr()) break;
    }
  }, { name: 'pong', move: [b2a, a2bRx] });
  await sleep(2500); // BUG: main returns; nothing tells the pair to stop
});
