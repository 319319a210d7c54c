// Course ch06, common mistake 2 "Add at an unexpected time", fix B (seed lines 1698–1722):
// dosomething calls wg.Add(1) synchronously, in the caller's goroutine, and only then starts the
// goroutine that does the work and calls Done. (This has three calls, and yieldNow for the Sleep, as
// in waitgroup-late-add.ts.)
//
// This is the fixed twin of waitgroup-late-add.ts. Every Add runs in main before its go statement,
// so it is ordered before main's Wait ("the code guarantees all four Add(1) ran", seed 1707).
// What simcc reports: nothing.
import { scenario, go, yieldNow, WaitGroup } from 'simcc';

async function dosomething(wg: WaitGroup, name: string): Promise<void> {
  await wg.add(1); // count first, then start the goroutine
  go(async () => {
    await yieldNow(); // time.Sleep(duration)
    // fmt.Println("后台执行, duration:", duration)
    await wg.done();
  }, name);
}

export default scenario('ch06 fix B: Add(1) in the caller, then go', async () => {
  const wg = new WaitGroup({ name: 'wg' });
  await dosomething(wg, 'dosomething-100ms');
  await dosomething(wg, 'dosomething-110ms');
  await dosomething(wg, 'dosomething-120ms');
  await wg.wait();
  // fmt.Println("Done")
});
