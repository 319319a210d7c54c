// tokio: a task waits on a std channel (the seed's pitfall P6 with a channel, as code ported from
// threads often does): on current_thread the blocked `recv` holds the only worker, so the task that
// would send can never run.
//
//   let (tx, rx) = std::sync::mpsc::channel();
//   tokio::spawn(async move { let job = rx.recv().unwrap(); /* BUG: blocks the worker */ run(job) });
//   tokio::spawn(async move { tokio::time::sleep(5ms).await; tx.send(job).unwrap(); });
//
// What simcc reports: blocking-in-async (task 'consumer' blocks worker 1 of 1 in std Receiver::recv),
// then the deadlock it causes: 'producer' waits for the worker 'consumer' holds.
// Fixed twin: std-recv-in-task-fixed.ts
import { scenario, spawn, sleep } from 'simcc/tokio';
import { mpsc } from 'simcc/rust';

export default scenario(
  { name: 'tokio: a std recv in a task starves the sender', expect: ['blocking-in-async', 'deadlock'], runtime: { flavor: 'current_thread' } },
  async () => {
    const [tx, rx] = mpsc.channel<string>('jobs');
    const consumer = spawn(async () => {
      const job = (await rx.recv()).unwrap(); // BUG: a std recv in async code
      return job;
    }, { name: 'consumer', move: [rx] });
    const producer = spawn(async () => {
      await sleep(5);
      (await tx.send('job 1')).unwrap();
    }, { name: 'producer', move: [tx] });
    (await producer.join()).unwrap();
    (await consumer.join()).unwrap();
  },
);
