// tokio: a Semaphore bounding the downloads in flight in a JoinSet (seed 003: "JoinSet 控制在飞任务"
// with a semaphore instead of counting the set), with the permit dropped too early.
//
//   let sem = Arc::new(Semaphore::new(MAX));
//   for url in urls {
//       let sem = sem.clone();
//       set.spawn(async move {
//           let permit = sem.acquire().await.unwrap();
//           drop(permit);                // BUG: released before the work, not after
//           download(url).await
//       });
//   }
//
// The bug: the permit only guards the acquire; every task downloads at once.
// What simcc reports: assertion ("3 downloads in flight, the bound is 2").
// Fixed twin: semaphore-joinset-bounded-fixed.ts
import { scenario, JoinSet, Semaphore, sleep, drop, assert } from 'simcc/tokio';

const MAX = 2;

export default scenario({ name: 'tokio: a Semaphore permit dropped before the work', expect: ['assertion'] }, async () => {
  const sem = new Semaphore(MAX, { name: 'downloads' });
  const set = new JoinSet<string>({ name: 'set' });
  let inFlight = 0;
  for (const url of ['a', 'b', 'c']) {
    set.spawn(async () => {
      const permit = (await sem.acquire()).unwrap();
      await drop(permit); // BUG
      inFlight++;
      assert(inFlight <= MAX, `${inFlight} downloads in flight, the bound is ${MAX}`);
      await sleep(10);
      inFlight--;
      return url;
    }, `download-${url}`);
  }
  while (!set.isEmpty()) (await set.joinNext())!.unwrap();
});
