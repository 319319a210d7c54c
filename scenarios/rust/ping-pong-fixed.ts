// Rust std, mpsc: the ping-pong test of seed 000 (comment by 终生恻隐, l.21–45) with a way out.
//
//   let threada = thread::spawn(move || {
//       a2btx.send("hello world!".to_string()).unwrap();
//       for (n, re) in b2arx.iter().enumerate() {
//           println!("{}\n", re);
//           if n + 1 == ROUNDS { break; }       // FIX: A stops; returning drops a2btx and b2arx
//           thread::sleep(Duration::from_secs(1));
//           a2btx.send("hello world!".to_string()).unwrap();
//       }
//   });
//   // thread B as before: its `for` ends when a2btx is dropped, and its return drops b2atx
//   threada.join().unwrap(); threadb.join().unwrap();   // FIX: join instead of sleeping
//
// This is the fixed twin of ping-pong.ts. Ending A ends B: the closure cycle is broken at one
// point. B's last send is the goodbye A breaks on, so B never sends to a gone receiver and its
// unwrap never fails.
// What simcc reports: nothing, on every schedule.
// Buggy twin: ping-pong.ts
import { scenario, thread, mpsc, assert } from 'simcc/rust';

const ROUNDS = 3;

export default scenario('rust: mpsc ping-pong that ends', async () => {
  const [a2btx, a2brx] = mpsc.channel<string>();
  const [b2atx, b2arx] = mpsc.channel<string>();

  const threada = thread.spawn(async () => {
    let replies = 0;
    (await a2btx.send('hello world!')).unwrap();
    for await (const _re of b2arx) {
      replies += 1;
      if (replies === ROUNDS) break; // FIX: leaving the thread drops a2btx, which ends B's loop
      await thread.sleep(1000);
      (await a2btx.send('hello world!')).unwrap();
    }
    return replies;
  }, { name: 'thread-a', move: [a2btx, b2arx] });

  const threadb = thread.spawn(async () => {
    let hellos = 0;
    for await (const _re of a2brx) {
      hellos += 1;
      await thread.sleep(1000);
      (await b2atx.send('goodbye!')).unwrap();
    }
    return hellos;
  }, { name: 'thread-b', move: [a2brx, b2atx] });

  assert((await threada.join()).unwrap() === ROUNDS, 'A stopped early');
  assert((await threadb.join()).unwrap() === ROUNDS, 'B answered a different number of hellos');
});
