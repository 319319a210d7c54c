// tokio: the supervisor of abort-orphans-workers.ts keeps its workers in a JoinSet.
//
//   let mut set = JoinSet::new();          // FIX: dropping a JoinSet aborts its tasks
//   set.spawn(work("a")); set.spawn(work("b"));
//
// Aborting the supervisor drops its values, newest first; the JoinSet's drop aborts both workers,
// which stop at their next await.
// What simcc reports: nothing.
// Buggy twin: abort-orphans-workers.ts
import { scenario, spawn, sleep, JoinSet, CancellationToken } from 'simcc/tokio';

export default scenario('tokio: an aborted supervisor takes its JoinSet of workers with it', async () => {
  const supervisor = spawn(async () => {
    // serve(): waits for requests on a queue that stays open (a token nobody cancels stands for it).
    const requests = new CancellationToken({ name: 'requests' });
    const work = async () => {
      await requests.cancelled();
    };
    const set = new JoinSet<void>({ name: 'workers' }); // FIX
    set.spawn(work, 'worker-a');
    set.spawn(work, 'worker-b');
    await new CancellationToken({ name: 'never' }).cancelled();
  }, 'supervisor');

  await sleep(25);
  supervisor.abort();
  const r = await supervisor.join();
  if (r.isOk()) throw new Error('the supervisor cannot end by itself');
});
