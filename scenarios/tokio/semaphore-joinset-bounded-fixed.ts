// tokio: the downloads of semaphore-joinset-bounded.ts holding their permit for the whole download.
//
//   let _permit = sem.acquire().await.unwrap();   // FIX: dropped at the end of the task
//   download(url).await
//
// The permit lives until the task ends (its owner's end drops it), so at most MAX download at once;
// tokio's Semaphore is FIFO, so the third download starts as soon as one ends.
// What simcc reports: nothing.
// Buggy twin: semaphore-joinset-bounded.ts
import { scenario, JoinSet, Semaphore, sleep, assert } from 'simcc/tokio';

const MAX = 2;

export default scenario('tokio: a Semaphore bounds the downloads in flight', async () => {
  const sem = new Semaphore(MAX, { name: 'downloads' });
  const set = new JoinSet<string>({ name: 'set' });
  let inFlight = 0;
  for (const url of ['a', 'b', 'c']) {
    set.spawn(async () => {
      (await sem.acquire()).unwrap(); // FIX: the permit is dropped when the task ends
      inFlight++;
      assert(inFlight <= MAX, `${inFlight} downloads in flight, the bound is ${MAX}`);
      await sleep(10);
      inFlight--;
      return url;
    }, `download-${url}`);
  }
  while (!set.isEmpty()) (await set.joinNext())!.unwrap();
});
