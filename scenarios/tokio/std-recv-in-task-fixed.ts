// tokio: std-recv-in-task.ts with tokio's mpsc: `recv().await` suspends the task instead of blocking
// the worker, so the producer runs.
//
//   let (tx, mut rx) = tokio::sync::mpsc::channel(1);     // FIX
//   tokio::spawn(async move { let job = rx.recv().await; run(job) });
//
// What simcc reports: nothing.
// Buggy twin: std-recv-in-task.ts
import { scenario, spawn, sleep, mpsc, assert } from 'simcc/tokio';

export default scenario({ name: "tokio: tokio's mpsc in tasks", runtime: { flavor: 'current_thread' } }, async () => {
  const [tx, rx] = mpsc.channel<string>(1, 'jobs');
  const consumer = spawn(async () => {
    const job = await rx.recv(); // FIX: suspends the task, not the worker
    return job;
  }, { name: 'consumer', move: [rx] });
  const producer = spawn(async () => {
    await sleep(5);
    (await tx.send('job 1')).unwrap();
  }, { name: 'producer', move: [tx] });
  (await producer.join()).unwrap();
  assert((await consumer.join()).unwrap() === 'job 1', 'the job was lost');
});
