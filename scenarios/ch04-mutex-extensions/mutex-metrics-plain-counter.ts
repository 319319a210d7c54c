// Course ch04, monitoring a Mutex (seed lines 1126–1186): the number of goroutines waiting for a
// lock is a metric worth exporting (seed 1060). The course reads the Mutex's state word with
// atomic.LoadInt32 through unsafe; a simpler and common version keeps a `waiting` counter next
// to the lock: increment before Lock, decrement once it is acquired, and a monitor goroutine reads
// it. Here the counter is a plain int. (1000 contenders holding the lock 1 s each in the course;
// four here.)
//
// The bug: the counter is updated by several goroutines and read by the monitor without any
// synchronisation (it cannot be protected by the very lock it measures). A plain ++ loses
// updates, and every access is a data race.
// What simcc reports: data-race on `waiting`, on every schedule.
// Fixed twin: mutex-metrics-atomic.ts
import { scenario, go, shared, sleep, Mutex, WaitGroup } from 'simcc';

export default scenario({ name: 'ch04: a waiters metric in a plain counter', expect: ['data-race'] }, async () => {
  const mu = new Mutex({ name: 'mu' });
  const waiting = shared('waiting', 0);
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(4);
  for (let i = 0; i < 4; i++) {
    go(async () => {
      await waiting.update((v) => v + 1); // BUG: plain ++
      await mu.lock();
      await waiting.update((v) => v - 1);
      await sleep(1000);
      await mu.unlock();
      await wg.done();
    }, `contender-${i}`);
  }
  await sleep(1000);
  await waiting.read(); // fmt.Printf("waitings: %d, isLocked: %t\n", ...)
  await wg.wait();
});
