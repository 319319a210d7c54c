// Course ch07, pitfall 1 "calling Wait without holding the lock" (seed lines 1897–1930): the race
// start of seed lines 1820–1851 with the referee's c.L.Lock()/c.L.Unlock() commented out.
//
// The bug: Wait first unlocks c.L (it must, so that others can change the condition while it
// sleeps), so c.L must be held. The course's screenshot of the crash is lost; Go's text is
// `fatal error: sync: unlock of unlocked mutex` (seed 1928–1930). And the referee now reads `ready`
// without the lock, racing with the athletes' ready++.
// What simcc reports: cond-wait-without-lock, "sync: unlock of unlocked mutex", at the Wait (even
// when an athlete happens to hold c.L at that moment: Go's Wait would then release the athlete's
// lock, and the athlete's own Unlock would die instead), or, on the schedules where the referee
// first reads `ready` after an athlete wrote it, data-race on `ready`.
// Fixed twin: race-start-broadcast.ts
import { scenario, go, shared, sleep, Mutex, Cond } from 'simcc';

const N = 4;

export default scenario({ name: 'ch07: Cond.Wait without holding c.L', expect: ['cond-wait-without-lock', 'data-race'] }, async () => {
  const c = new Cond(new Mutex({ name: 'c.L' }), 'c');
  const ready = shared('ready', 0);
  const readyAfter = [3000, 0, 7000, 1000];
  for (let i = 0; i < N; i++) {
    go(async () => {
      await sleep(readyAfter[i]!);
      await c.L.lock();
      await ready.update((v) => v + 1);
      await c.L.unlock();
      await c.broadcast();
    }, `athlete-${i}`);
  }
  // c.L.Lock()  -- BUG: commented out
  while ((await ready.read()) !== N) {
    await c.wait();
  }
  // c.L.Unlock()
});
