// Course ch14, message exchange: the worker pool with `chan chan Job` (seed lines 4056–4061, Marcio
// Castilho's "Handling 1 million requests per minute with Go"). Each idle worker registers its own job
// channel in `workerPool`; the dispatcher takes a job from `jobQueue`, takes an idle worker's channel
// and hands the job over; the worker processes it and registers again.
//
// No bug: two workers, five jobs. When the job queue is closed, the dispatcher collects every worker
// as it becomes idle and closes its job channel, so the pool shuts down cleanly.
// What simcc reports: nothing, in every schedule: every job is processed once, and no goroutine is
// left (the dispatcher's close of a worker's channel comes after the worker registered, i.e. after
// its last receive, and the dispatcher is the only sender).
// Buggy twin: worker-pool-no-reregister.ts
import { scenario, go, assert, Channel } from 'simcc';

const WORKERS = 2;
const JOBS = 5;

function worker(id: number, workerPool: Channel<Channel<number>>, results: Channel<string>): void {
  const jobs = new Channel<number>(0, { name: `worker-${id}.jobs` });
  go(async () => {
    for (;;) {
      await workerPool.send(jobs); // I am idle
      const { value: job, ok } = await jobs.recvOk();
      if (!ok) return;
      await results.send(`job ${job} by worker ${id}`);
    }
  }, `worker-${id}`);
}

export default scenario('ch14: a chan-chan worker pool', async () => {
  const jobQueue = new Channel<number>(0, { name: 'jobQueue' });
  const workerPool = new Channel<Channel<number>>(WORKERS, { name: 'workerPool' });
  const results = new Channel<string>(JOBS, { name: 'results' });
  const stopped = new Channel<void>(0, { name: 'stopped' });
  for (let id = 0; id < WORKERS; id++) worker(id, workerPool, results);

  go(async () => {
    for await (const job of jobQueue) {
      const w = (await workerPool.recv())!;
      await w.send(job);
    }
    for (let i = 0; i < WORKERS; i++) await (await workerPool.recv())!.close(); // shut every worker down
    await stopped.close();
  }, 'dispatcher');

  for (let j = 1; j <= JOBS; j++) await jobQueue.send(j);
  await jobQueue.close();
  const done: string[] = [];
  for (let j = 0; j < JOBS; j++) done.push((await results.recv())!);
  await stopped.recv();
  assert(new Set(done.map((d) => d.split(' ')[1])).size === JOBS, `processed: ${done.join('; ')}`);
});
