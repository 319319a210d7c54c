// tokio: an actor owning a database behind a bounded mpsc, answering through `oneshot` replies (seeds
// 002/003). A request the actor cannot serve drops its reply sender without answering.
//
//   enum Msg { Get { key: String, reply: oneshot::Sender<u32> } }
//   // actor:
//   while let Some(Msg::Get { key, reply }) = rx.recv().await {
//       if let Some(v) = db.get(&key) { let _ = reply.send(*v); }   // missing key: `reply` dropped
//   }
//   // caller:
//   let (reply, answer) = oneshot::channel();
//   tx.send(Msg::Get { key, reply }).await.unwrap();
//   let v = answer.await.unwrap();    // BUG: Err(RecvError) when the actor dropped the reply
//
// The bug: the caller unwraps the answer; the actor dropped the reply sender for a missing key.
// What simcc reports: panic (called `Result::unwrap()` on an `Err` value: RecvError).
// Fixed twin: oneshot-actor-reply-dropped-fixed.ts
import { scenario, spawn, mpsc, oneshot, drop } from 'simcc/tokio';

interface Get {
  key: string;
  reply: oneshot.Sender<number>;
}

export default scenario({ name: 'tokio: actor drops a oneshot reply, caller unwraps', expect: ['panic'] }, async () => {
  const [tx, rx] = mpsc.channel<Get>(1, 'requests');
  spawn(async () => {
    const db = new Map([['a', 1]]);
    for await (const { key, reply } of rx) {
      const v = db.get(key);
      if (v !== undefined) reply.send(v);
      else await drop(reply); // a missing key: Rust drops `reply` here, at the end of the loop body
    }
  }, { name: 'db-actor', move: [rx] });

  for (const key of ['a', 'missing']) {
    const [reply, answer] = oneshot.channel<number>(`answer-${key}`);
    (await tx.send({ key, reply })).unwrap();
    (await answer.recv()).unwrap(); // BUG
  }
});
