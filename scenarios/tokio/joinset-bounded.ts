// tokio: a JoinSet bounding the tasks in flight (seed 003: "JoinSet 控制在飞任务", at most N
// downloads at once), with an off-by-one in the bound.
//
//   for url in urls {
//       if set.len() > MAX { set.join_next().await; }   // BUG: should be >= MAX
//       set.spawn(download(url));
//   }
//
// The bug: with `>`, a new task is spawned while MAX are still running: MAX + 1 are in flight.
// What simcc reports: assertion ("3 downloads in flight, the bound is 2").
// Fixed twin: joinset-bounded-fixed.ts
import { scenario, JoinSet, sleep, assert } from 'simcc/tokio';

const MAX = 2;

export default scenario({ name: 'tokio: JoinSet bound off by one', expect: ['assertion'] }, async () => {
  const set = new JoinSet<string>({ name: 'downloads' });
  let inFlight = 0;
  for (const url of ['a', 'b', 'c', 'd']) {
    if (set.len() > MAX) (await set.joinNext())!.unwrap(); // BUG
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
