// Course ch07, pitfall 2 "not re-checking the condition" (seed lines 1931–1962): the race start
// of seed lines 1820–1851 with the referee's `for ready != 10 {` loop commented out, so it calls
// Wait exactly once.
//
// The bug: being woken is not the condition being true (seed 1962). The first athlete's Broadcast
// wakes the referee, which starts the race with only some athletes ready (seed 1961). And when
// every Broadcast comes before the referee reaches Wait, nobody is waiting, so they are dropped:
// a Cond has no memory, and the referee then sleeps forever (a lost wake-up).
// What simcc reports, depending on the schedule: assertion "the race started before everyone was
// ready" (the premature start), or deadlock (`all goroutines are asleep - deadlock!`) whose report
// lists the Broadcasts that found nobody waiting, with where and by whom they were made.
// Fixed twin: race-start-broadcast.ts
import { scenario, go, shared, sleep, Mutex, Cond, assert } from 'simcc';

const N = 4;

export default scenario({ name: 'ch07: Cond.Wait without a loop', expect: ['assertion', 'deadlock'] }, async () => {
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
  await c.L.lock();
  // for ready != 10 {   -- BUG: commented out
  await c.wait();
  // log.Println("裁判员被唤醒一次")
  // }
  const started = await ready.read();
  await c.L.unlock();
  assert(started === N, `the race started before everyone was ready (${started} of ${N})`);
});
