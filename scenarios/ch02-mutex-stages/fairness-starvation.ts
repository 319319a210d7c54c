// Course ch02 "the four stages of Go's Mutex" (seed lines 302–719), the fairness demonstration the
// chapter builds up to: 'greedy' locks, sleeps 2 ms holding the lock, unlocks and at once locks
// again, ten times; 'waiter' arrives 1 ms in and locks once. The assertion is that the waiter gets
// the lock before 'greedy' has taken it more than 5 times after the waiter asked.
// For `--strategy pct` or `simcc explore`, add `--time synctest`: in the default time mode a timer
// may fire while a goroutine is ready, so a scheduler can leave the waiter ready but unscheduled
// (before it even calls Lock) while 'greedy' runs round after round — a starvation no Mutex helps.
//
// Stage 4, "starvation" (Go 1.9, seed lines ~580–715; today's Mutex). The woken waiter still
// competes in normal mode, but when it loses it goes back to the head of the queue, and once it
// has waited more than 1 ms (virtual time here) its next CAS sets mutexStarving: from then on
// Unlock hands the lock straight to it, and 'greedy', seeing the flag, queues instead of grabbing.
// What simcc reports: nothing. The waiter gets the lock within a round or two after waiting 1 ms
// (the timeline shows "the mutex enters starvation mode" and "semrelease (hand-off)").
// This is the fixed twin of fairness-newcomer.ts and fairness-spinning.ts.
import { scenario, go, Mutex, WaitGroup, sleep, assert } from 'simcc';

const ROUNDS = 10; // critical sections 'greedy' runs
const K = 5; // the waiter must get the lock before 'greedy' has taken it more than K times

export default scenario({ name: 'ch02: starvation mode bounds the wait under the starvation Mutex' }, async () => {
  const mu = new Mutex({ name: 'mu', variant: 'starvation' });
  let taken = 0; // how many times 'greedy' took the lock (plain bookkeeping, outside the simulation)
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    for (let i = 0; i < ROUNDS; i++) {
      await mu.lock();
      taken++;
      await sleep(2); // holds the lock across a sleep...
      await mu.unlock(); // ...and re-locks at once, while it is still on the CPU
    }
    await wg.done();
  }, 'greedy');
  go(async () => {
    await sleep(1); // arrives while 'greedy' holds the lock
    const before = taken;
    await mu.lock();
    const overtaken = taken - before;
    await mu.unlock();
    assert(overtaken <= K, `the waiter starved: 'greedy' took the lock ${overtaken} times while it waited`);
    await wg.done();
  }, 'waiter');
  await wg.wait();
});
