// tokio: the downloader of joinset-bounded.ts with the bound checked before each spawn.
//
//   while set.len() >= MAX { set.join_next().await; }   // FIX
//
// What simcc reports: nothing.
// Buggy twin: joinset-bounded.ts
import { scenario, JoinSet, sleep, assert } from 'simcc/tokio';

const MAX = 2;

export default scenario('tokio: JoinSet bounds the downloads in flight', async () => {
  const set = new JoinSet<string>({ name: 'downloads' });
  let inFlight = 0;
  for (const url of ['a', 'b', 'c', 'd']) {
    while (set.len() >= MAX) (await set.joinNext())!.unwrap(); // FIX
    set.spawn(async () => {
      inFlight++;
      assert(inFlight <= MAX, `${inFlight} downloads in flight, the bound is ${MAX}`);
      await sleep(10);
      inFlight--;
      return url;
    }, `download-${url}`);
  }
  while (!set.isEmpty()) (await set.joinNext())!.unwrap();
});
