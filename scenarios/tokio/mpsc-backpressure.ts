// tokio: bounded mpsc backpressure turned into a deadlock (seed 002: "有界通道提供背压").
//
//   let (tx, mut rx) = mpsc::channel(1);
//   let producer = tokio::spawn(async move { for i in 0..3 { tx.send(i).await.unwrap(); } });
//   producer.await.unwrap();            // BUG: waits for the producer before anyone receives
//   while let Some(v) = rx.recv().await { … }
//
// The bug: `send` waits while the channel is full; the only receiver is main, which first waits for
// the producer to end: the producer waits for main, main for the producer.
// What simcc reports: deadlock ("'producer' is blocked in send on channel 'jobs' (full: 1 of 1
// buffered); its Receiver is held by 'main', which waits in join of task 'producer'").
// Fixed twin: mpsc-backpressure-fixed.ts
import { scenario, spawn, mpsc } from 'simcc/tokio';

export default scenario({ name: 'tokio: bounded channel, producer joined before receiving', expect: ['deadlock'] }, async () => {
  const [tx, rx] = mpsc.channel<number>(1, 'jobs');
  const producer = spawn(async () => {
    for (let i = 0; i < 3; i++) (await tx.send(i)).unwrap();
  }, { name: 'producer', move: [tx] });
  (await producer.join()).unwrap(); // BUG: join before receiving
  for await (const _ of rx);
});
