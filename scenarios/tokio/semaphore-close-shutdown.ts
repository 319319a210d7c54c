// tokio: `Semaphore::close` as a shutdown signal (tokio's docs): every waiting and later `acquire`
// returns `Err(AcquireError)`. A worker that unwraps `acquire` panics at shutdown.
//
//   for job in jobs { let permit = sem.acquire().await.unwrap(); /* BUG: Err once closed */ work(permit).await; }
//
// What simcc reports: panic (task 'worker' panicked: called `Result::unwrap()` on an `Err` value: AcquireError…).
// Fixed twin: semaphore-close-shutdown-fixed.ts
import { scenario, spawn, Semaphore, sleep, drop } from 'simcc/tokio';

export default scenario({ name: 'tokio: unwrap of acquire after Semaphore::close', expect: ['panic'] }, async () => {
  const sem = new Semaphore(1, { name: 'slots' });
  const worker = spawn(async () => {
    for (let job = 0; job < 3; job++) {
      const permit = (await sem.acquire()).unwrap(); // BUG: Err(AcquireError) once the semaphore is closed
      await sleep(5);
      await drop(permit);
    }
  }, 'worker');
  await sleep(1); // shutdown comes while the worker works or waits
  sem.close();
  (await worker.join()).unwrap();
});
