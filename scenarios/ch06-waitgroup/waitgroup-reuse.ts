// Course ch06, common mistake 3 "reusing the WaitGroup before the previous Wait has returned" (seed
// lines 1723–1738). main does wg.Add(1) and starts a goroutine that sleeps 1 ms, calls wg.Done(),
// and at once calls wg.Add(1) for a "next round". main calls wg.Wait(). Here await yieldNow()
// stands in for the Sleep.
//
// The bug: the Done wakes main's Wait, and the goroutine's Add(1) can run before the woken Wait has
// returned. Go then panics: `sync: WaitGroup is reused before previous Wait has returned`
// (seed 1737). Docker 28161 and 27011 and etcd 6534 are this bug (seed 1770).
// What simcc reports: waitgroup-misuse, in every schedule. The goroutine's Add(1) takes the counter
// up from zero, and nothing orders it with main's Wait: Done → Wait orders the goroutine's earlier
// steps before Wait returns, but nothing orders the Add that comes after the Done. It is either
// "Add called concurrently with Wait" or "reused before previous Wait has returned", and both have
// that kind.
// Fixed twin: waitgroup-reuse-after-wait.ts
import { scenario, go, yieldNow, WaitGroup } from 'simcc';

export default scenario({ name: 'ch06: WaitGroup reused before Wait returned', expect: ['waitgroup-misuse'] }, async () => {
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    await yieldNow(); // time.Sleep(time.Millisecond)
    await wg.done(); // the counter drops to 0 and main's Wait is woken
    await wg.add(1); // BUG: the next round starts before main's Wait has returned
  }, 'worker');
  await wg.wait(); // may run concurrently with the Add above
});
