// tokio: semaphore-close-shutdown.ts with the worker treating `Err(AcquireError)` as the shutdown
// signal, as tokio's docs for `Semaphore::close` show:
//
//   for job in jobs { let Ok(permit) = sem.acquire().await else { break }; work(permit).await; }   // FIX
//
// What simcc reports: nothing.
// Buggy twin: semaphore-close-shutdown.ts
import { scenario, spawn, Semaphore, sleep, drop, assert } from 'simcc/tokio';

export default scenario('tokio: a closed Semaphore stops its workers', async () => {
  const sem = new Semaphore(1, { name: 'slots' });
  const worker = spawn(async () => {
    let rounds = 0;
    for (let job = 0; job < 3; job++) {
      const r = await sem.acquire();
      if (r.isErr()) return rounds; // closed: shut down
      await sleep(5);
      rounds++;
      await drop(r.unwrap());
    }
    return rounds;
  }, 'worker');
  await sleep(1); // shutdown comes while the worker works or waits
  sem.close();
  assert((await worker.join()).unwrap() >= 0, 'the worker ended');
  const late = await sem.acquire();
  assert(late.isErr(), 'an acquire after close errs at once');
});
