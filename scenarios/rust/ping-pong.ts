// Rust std, mpsc: the ping-pong test a reader posted under the Rust course's Channel chapter
// (seed 000, comment by 终生恻隐, l.21–45):
//
//   let (a2btx, a2brx) = mpsc::channel();
//   let (b2atx, b2arx) = mpsc::channel();
//   let threada = thread::spawn(move || {
//       a2btx.send("hello world!".to_string()).unwrap();
//       for re in b2arx { println!("{}\n", re); thread::sleep(Duration::from_secs(1));
//                         a2btx.send("hello world!".to_string()).unwrap(); }
//   });
//   let threadb = thread::spawn(move || {
//       for re in a2brx { println!("{}\n", re); thread::sleep(Duration::from_secs(1));
//                         b2atx.send("goodbye!".to_string()).unwrap(); }
//   });
//   thread::sleep(Duration::from_secs(10));
//
// The bug: `for re in rx` ends only when every Sender of that channel has been dropped, and each
// thread holds the Sender that the other thread's loop waits on: A's loop ends when B ends, B's
// when A ends, so neither ever ends. The test "passes" only because returning from main kills both
// threads after ten real seconds.
// What simcc reports: leak. The ten seconds are virtual (they take no time); when main returns,
// simcc lets the two threads run on to its bound, as a leak checker would, and reports both still
// alive, each with where it was spawned and what it does (a recv on a channel whose live Sender the
// other one holds, or a sleep between two rounds).
// Fixed twin: ping-pong-fixed.ts
import { scenario, thread, mpsc } from 'simcc/rust';

export default scenario({ name: 'rust: mpsc ping-pong that never ends', expect: ['leak'] }, async () => {
  const [a2btx, a2brx] = mpsc.channel<string>();
  const [b2atx, b2arx] = mpsc.channel<string>();

  thread.spawn(async () => {
    (await a2btx.send('hello world!')).unwrap();
    for await (const _re of b2arx) {
      // println!("{}\n", re);
      await thread.sleep(1000);
      (await a2btx.send('hello world!')).unwrap();
    }
  }, { name: 'thread-a', move: [a2btx, b2arx] });

  thread.spawn(async () => {
    for await (const _re of a2brx) {
      await thread.sleep(1000);
      (await b2atx.send('goodbye!')).unwrap();
    }
  }, { name: 'thread-b', move: [a2brx, b2atx] });

  await thread.sleep(10_000); // BUG: waiting is not an end; nothing ever stops the two loops
});
