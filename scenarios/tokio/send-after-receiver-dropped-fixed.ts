// tokio: send-after-receiver-dropped.ts with the producer stopping when the receiver is gone.
//
//   for i in 0..5 { if tx.send(i).await.is_err() { break; } }   // FIX: the consumer left
//
// What simcc reports: nothing.
// Buggy twin: send-after-receiver-dropped.ts
import { scenario, spawn, mpsc } from 'simcc/tokio';

export default scenario('tokio: a producer that stops when the receiver is gone', async () => {
  const [tx, rx] = mpsc.channel<number>(1, 'items');
  const producer = spawn(async () => {
    for (let i = 0; i < 5; i++) if ((await tx.send(i)).isErr()) break; // FIX
  }, { name: 'producer', move: [tx] });
  const consumer = spawn(async () => {
    for (let i = 0; i < 2; i++) await rx.recv();
  }, { name: 'consumer', move: [rx] });
  (await consumer.join()).unwrap();
  (await producer.join()).unwrap();
});
