// tokio: a producer unwraps every send, and the consumer stops early (the seed's pitfall P11, "Send on a
// closed channel": in Rust `send` returns Err with the value once the receiver is gone, and the
// ping-pong code of seed 000 unwraps it).
//
//   tokio::spawn(async move { for i in 0..5 { tx.send(i).await.unwrap(); } });   // BUG: unwrap
//   let consumer = tokio::spawn(async move { for _ in 0..2 { rx.recv().await; } });  // drops rx
//
// What simcc reports: panic (called `Result::unwrap()` on an `Err` value: SendError { .. }), re-raised
// in main by the join's unwrap.
// Fixed twin: send-after-receiver-dropped-fixed.ts
import { scenario, spawn, mpsc } from 'simcc/tokio';

export default scenario({ name: 'tokio: unwrap of a send after the receiver is gone', expect: ['panic'] }, async () => {
  const [tx, rx] = mpsc.channel<number>(1, 'items');
  const producer = spawn(async () => {
    for (let i = 0; i < 5; i++) (await tx.send(i)).unwrap(); // BUG
  }, { name: 'producer', move: [tx] });
  const consumer = spawn(async () => {
    for (let i = 0; i < 2; i++) await rx.recv();
  }, { name: 'consumer', move: [rx] }); // its end drops rx
  (await consumer.join()).unwrap();
  (await producer.join()).unwrap();
});
