// Course ch06, common mistake 2 "Add at an unexpected time" (seed lines 1653–1675). main starts
// four goroutines, dosomething(100|110|120|130 ms). Each one sleeps, then calls wg.Add(1), prints,
// and calls wg.Done(). main calls wg.Wait() and prints "Done". Here there are three goroutines,
// and await yieldNow() stands in for the Sleep (simcc explores schedules and needs no sleeps).
//
// The bug: the Adds run in the goroutines, so nothing orders them before main's Wait. Usually Wait
// finds the counter at 0 and returns at once: "Done" comes first, and main does not wait for the
// work (seed 1675). The rule (seed 1654, 1722) is that every Add must happen before Wait.
// What simcc reports: waitgroup-misuse ("Add called concurrently with Wait"). As Go's race detector
// does, simcc treats an Add that takes the counter up from zero as a read, and a Wait as a write, of
// one hidden location, and reports the pair when happens-before does not order it. The go
// statement orders main before each worker's Add, but nothing orders a worker's Add before main's
// Wait. simcc records every Wait this way, including one that does not block, and records it before
// Wait takes in the Dones' clock. So the misuse is reported in every schedule: when an Add comes
// before the Wait, when it comes after the Wait has returned (simcc lets goroutines run on after
// main returns), and even when all the workers finished before main reached Wait. Go's own
// detector would miss that last case. There is no shared data here, so no data race can come first.
// Fixed twins: waitgroup-add-before-go.ts (fix A), waitgroup-add-in-caller.ts (fix B)
import { scenario, go, yieldNow, WaitGroup } from 'simcc';

async function dosomething(wg: WaitGroup): Promise<void> {
  await yieldNow(); // time.Sleep(duration)
  await wg.add(1); // BUG: Add inside the goroutine, racing with main's Wait
  // fmt.Println("后台执行, duration:", duration)  (working in the background)
  await wg.done();
}

export default scenario({ name: 'ch06: Add inside the goroutine, after Wait', expect: ['waitgroup-misuse'] }, async () => {
  const wg = new WaitGroup({ name: 'wg' });
  go(() => dosomething(wg), 'dosomething-100ms');
  go(() => dosomething(wg), 'dosomething-110ms');
  go(() => dosomething(wg), 'dosomething-120ms');
  await wg.wait(); // main waits for... nothing, usually
  // fmt.Println("Done")
});
