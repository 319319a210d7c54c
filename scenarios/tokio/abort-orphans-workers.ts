// tokio: a supervisor task aborted while it holds its workers.
//
//   let supervisor = tokio::spawn(async {
//       let _a = tokio::spawn(work("a"));   // BUG: a dropped JoinHandle detaches the task
//       let _b = tokio::spawn(work("b"));
//       pending::<()>().await
//   });
//   sleep(25ms).await;
//   supervisor.abort();
//
// The bug: aborting the supervisor drops what it owns, its JoinHandles included, and dropping a
// JoinHandle detaches its task: the workers run on after the supervisor is gone, and after main.
// What simcc reports: leak (the two workers still waiting after main returned).
// Fixed twin: abort-orphans-workers-fixed.ts
import { scenario, spawn, sleep, CancellationToken } from 'simcc/tokio';

export default scenario({ name: 'tokio: aborting a supervisor orphans its workers', expect: ['leak'] }, async () => {
  const supervisor = spawn(async () => {
    // serve(): waits for requests on a queue that stays open (a token nobody cancels stands for it).
    const requests = new CancellationToken({ name: 'requests' });
    const work = async () => {
      await requests.cancelled();
    };
    spawn(work, 'worker-a'); // BUG: detached when the handle is dropped
    spawn(work, 'worker-b');
    await new CancellationToken({ name: 'never' }).cancelled(); // pending()
  }, 'supervisor');

  await sleep(25);
  supervisor.abort();
  const r = await supervisor.join();
  if (r.isOk()) throw new Error('the supervisor cannot end by itself');
});
