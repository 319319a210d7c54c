// Course ch14, the chan-chan worker pool (seed lines 4056–4061), with the mistake the extract lists
// for it: a worker that does not register again after a job.
//
// The bug: the worker registers its job channel once, before its first job, and then just waits on
// its own channel. After two jobs no worker is registered, so the dispatcher waits for an idle worker
// forever, and main, sending the next job, waits for the dispatcher.
// What simcc reports: deadlock (`all goroutines are asleep - deadlock!`), in every schedule: the
// dispatcher is blocked receiving from workerPool — the report shows that everyone who could still
// send on it (the two workers) is blocked receiving from its own job channel — and main is blocked
// sending on jobQueue.
// Fixed twin: worker-pool.ts
import { scenario, go, Channel } from 'simcc';

const WORKERS = 2;
const JOBS = 5;

function worker(id: number, workerPool: Channel<Channel<number>>, results: Channel<string>): void {
  const jobs = new Channel<number>(0, { name: `worker-${id}.jobs` });
  go(async () => {
    await workerPool.send(jobs); // BUG: registered once, never again
    for (;;) {
      const { value: job, ok } = await jobs.recvOk();
      if (!ok) return;
      await results.send(`job ${job} by worker ${id}`);
    }
  }, `worker-${id}`);
}

export default scenario({ name: 'ch14: a worker that does not re-register stalls the pool', expect: ['deadlock'] }, async () => {
  const jobQueue = new Channel<number>(0, { name: 'jobQueue' });
  const workerPool = new Channel<Channel<number>>(WORKERS, { name: 'workerPool' });
  const results = new Channel<string>(JOBS, { name: 'results' });
  for (let id = 0; id < WORKERS; id++) worker(id, workerPool, results);

  go(async () => {
    for await (const job of jobQueue) {
      const w = (await workerPool.recv())!;
      await w.send(job);
    }
  }, 'dispatcher');

  for (let j = 1; j <= JOBS; j++) await jobQueue.send(j);
  await jobQueue.close();
  for (let j = 0; j < JOBS; j++) await results.recv();
});
