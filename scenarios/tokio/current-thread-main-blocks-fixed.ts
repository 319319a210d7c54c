// tokio: current-thread-main-blocks.ts on the multi_thread runtime: `#[tokio::main]`'s body runs in
// `block_on` on the main thread, not on a worker, so its std recv holds no worker and the producer
// runs on one (even with a single worker).
//
//   #[tokio::main(flavor = "multi_thread", worker_threads = 1)]   // FIX
//
// What simcc reports: nothing.
// Buggy twin: current-thread-main-blocks.ts
import { scenario, spawn, sleep, assert } from 'simcc/tokio';
import { mpsc } from 'simcc/rust';

export default scenario({ name: 'tokio: main waits on a std channel outside the workers', runtime: { flavor: 'multi_thread', workers: 1 } }, async () => {
  const [tx, rx] = mpsc.channel<number>('result');
  const producer = spawn(async () => {
    await sleep(1);
    (await tx.send(42)).unwrap();
  }, { name: 'producer', move: [tx] });
  assert((await rx.recv()).unwrap() === 42, 'the result arrived');
  (await producer.join()).unwrap();
});
