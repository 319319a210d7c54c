// tokio: bounded mpsc backpressure, correct (seed 002): a producer faster than its consumer on
// `channel(1)` is slowed down to the consumer's pace — never more than one value buffered — and the
// consumer ends when the producer's Sender is dropped.
//
//   let producer = tokio::spawn(async move { for i in 0..4 { tx.send(i).await.unwrap(); } });
//   while let Some(v) = rx.recv().await { sleep(10ms).await; … }
//   producer.await.unwrap();
//
// What simcc reports: nothing.
// Buggy twin: mpsc-backpressure.ts
import { scenario, spawn, sleep, mpsc, assert } from 'simcc/tokio';

export default scenario('tokio: bounded channel backpressure (fixed)', async () => {
  const [tx, rx] = mpsc.channel<number>(1, 'jobs');
  const producer = spawn(async () => {
    for (let i = 0; i < 4; i++) {
      (await tx.send(i)).unwrap();
      assert(rx.len() <= 1, 'the channel holds at most its capacity');
    }
  }, { name: 'producer', move: [tx] });
  const got: number[] = [];
  for await (const v of rx) {
    await sleep(10); // a slow consumer
    got.push(v);
  }
  assert(got.join() === '0,1,2,3', 'every value, in order');
  (await producer.join()).unwrap();
});
