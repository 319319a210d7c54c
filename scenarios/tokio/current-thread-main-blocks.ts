// tokio: `#[tokio::main(flavor = "current_thread")]` whose body waits on a std channel: main's body
// runs on the runtime's only worker, so the spawned task that would send never gets to run.
//
//   #[tokio::main(flavor = "current_thread")]
//   async fn main() {
//       let (tx, rx) = std::sync::mpsc::channel();
//       tokio::spawn(async move { tx.send(compute().await).unwrap(); });
//       let v = rx.recv().unwrap(); // BUG: blocks the only worker
//   }
//
// What simcc reports: blocking-in-async (main blocks worker 1 of 1 in std Receiver::recv), then the
// deadlock: 'producer' needs the worker main holds.
// Fixed twin: current-thread-main-blocks-fixed.ts (the same code on multi_thread: main runs in
// block_on, on no worker; tokio's oneshot would fix it on any runtime).
import { scenario, spawn, sleep } from 'simcc/tokio';
import { mpsc } from 'simcc/rust';

export default scenario(
  { name: 'tokio: main blocks the current_thread runtime', expect: ['blocking-in-async', 'deadlock'], runtime: { flavor: 'current_thread' } },
  async () => {
    const [tx, rx] = mpsc.channel<number>('result');
    spawn(async () => {
      await sleep(1);
      (await tx.send(42)).unwrap();
    }, { name: 'producer', move: [tx] });
    (await rx.recv()).unwrap(); // BUG: a std recv on the only worker
  },
);
