// tokio: the actor with oneshot replies (seeds 002/003), fixed: the caller handles the Err a dropped
// reply sender gives (`match answer.await { Ok(v) => …, Err(_) => None }`), and drops its request
// Sender when done, so the actor's `recv` returns None and the actor ends.
//
// What simcc reports: nothing.
// Buggy twin: oneshot-actor-reply-dropped.ts
import { scenario, spawn, mpsc, oneshot, drop, assert } from 'simcc/tokio';

interface Get {
  key: string;
  reply: oneshot.Sender<number>;
}

export default scenario('tokio: actor with oneshot replies, Err handled (fixed)', async () => {
  const [tx, rx] = mpsc.channel<Get>(1, 'requests');
  const actor = spawn(async () => {
    const db = new Map([['a', 1]]);
    for await (const { key, reply } of rx) {
      const v = db.get(key);
      if (v !== undefined) reply.send(v);
      else await drop(reply); // Rust drops `reply` here, at the end of the loop body
    }
  }, { name: 'db-actor', move: [rx] });

  const got: (number | undefined)[] = [];
  for (const key of ['a', 'missing']) {
    const [reply, answer] = oneshot.channel<number>(`answer-${key}`);
    (await tx.send({ key, reply })).unwrap();
    const r = await answer.recv();
    got.push(r.isOk() ? r.value : undefined); // the fix: None for a missing key
  }
  assert(got[0] === 1 && got[1] === undefined, 'a found, missing not');
  await drop(tx);
  (await actor.join()).unwrap();
});
