// Course ch06, common mistake 2 "Add at an unexpected time", fix A (seed lines 1676–1696): set the
// count in main, wg.Add(4), before starting any goroutine. The goroutines only call Done. (This has
// three goroutines, and yieldNow for the Sleep, as in waitgroup-late-add.ts.)
//
// This is the fixed twin of waitgroup-late-add.ts. The Add is in main, before the go statements and
// before the Wait, so it is ordered before both.
// What simcc reports: nothing.
import { scenario, go, yieldNow, WaitGroup } from 'simcc';

async function dosomething(wg: WaitGroup): Promise<void> {
  await yieldNow(); // time.Sleep(duration)
  // fmt.Println("后台执行, duration:", duration)
  await wg.done();
}

export default scenario('ch06 fix A: wg.Add(n) before starting the goroutines', async () => {
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3); // set the count in advance
  go(() => dosomething(wg), 'dosomething-100ms');
  go(() => dosomething(wg), 'dosomething-110ms');
  go(() => dosomething(wg), 'dosomething-120ms');
  await wg.wait();
  // fmt.Println("Done")
});
