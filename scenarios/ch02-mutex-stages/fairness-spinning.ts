// Course ch02 "the four stages of Go's Mutex" (seed lines 302–719), the fairness demonstration the
// chapter builds up to: 'greedy' locks, sleeps 2 ms holding the lock, unlocks and at once locks
// again, ten times; 'waiter' arrives 1 ms in and locks once. The assertion is that the waiter gets
// the lock before 'greedy' has taken it more than 5 times after the waiter asked.
// For `--strategy pct` or `simcc explore`, add `--time synctest`: in the default time mode a timer
// may fire while a goroutine is ready, so a scheduler can leave the waiter ready but unscheduled
// (before it even calls Lock) while 'greedy' runs round after round — a starvation no Mutex helps.
//
// The bug: stage 3, "spinning" (seed lines ~520–580) keeps stage 2's unfairness and adds spinning:
// a goroutine that finds the lock held while another goroutine runs may spin (re-read the state up
// to 4 times, a scheduling choice here) and set mutexWoken so that Unlock wakes nobody. The woken
// waiter still competes with 'greedy', which is on the CPU, and can lose every round.
// What simcc reports: assertion, as for fairness-newcomer.ts; spins show in the timeline as
// "spins (n of 4)".
// Fixed twin: fairness-starvation.ts.
import { scenario, go, Mutex, WaitGroup, sleep, assert } from 'simcc';

const ROUNDS = 10; // critical sections 'greedy' runs
const K = 5; // the waiter must get the lock before 'greedy' has taken it more than K times

export default scenario({ name: 'ch02: a waiter starves under the spinning Mutex', expect: ['assertion'] }, async () => {
  const mu = new Mutex({ name: 'mu', variant: 'spinning' });
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
