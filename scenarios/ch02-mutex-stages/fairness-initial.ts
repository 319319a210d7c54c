// Course ch02 "the four stages of Go's Mutex" (seed lines 302–719), the fairness demonstration the
// chapter builds up to: 'greedy' locks, sleeps 2 ms holding the lock, unlocks and at once locks
// again, ten times; 'waiter' arrives 1 ms in and locks once. The assertion is that the waiter gets
// the lock before 'greedy' has taken it more than 5 times after the waiter asked.
// For `--strategy pct` or `simcc explore`, add `--time synctest`: in the default time mode a timer
// may fire while a goroutine is ready, so a scheduler can leave the waiter ready but unscheduled
// (before it even calls Lock) while 'greedy' runs round after round — a starvation no Mutex helps.
//
// Stage 1, "initial" (seed lines ~330–400): Lock adds 1 to `key` and sleeps on the semaphore when
// the lock is held; Unlock subtracts 1 and, when someone waits, wakes one waiter, which then OWNS
// the lock (a hand-off). 'greedy' re-locking finds key ≥ 1 and queues behind the waiter: strict FIFO.
// What simcc reports: nothing. The waiter is overtaken at most once by the lock itself; more only
// when the scheduler leaves the waiter, ready to run, unscheduled for whole rounds before its first
// step of Lock (with `--time synctest`, which runs every ready goroutine before time moves, never).
// The other stages: fairness-newcomer.ts, fairness-spinning.ts (buggy), fairness-starvation.ts;
// fairness.ts compares all four with `simcc run scenarios/ch02-mutex-stages/fairness.ts --mutex all`.
import { scenario, go, Mutex, WaitGroup, sleep, assert } from 'simcc';

const ROUNDS = 10; // critical sections 'greedy' runs
const K = 5; // the waiter must get the lock before 'greedy' has taken it more than K times

export default scenario({ name: 'ch02: the initial Mutex serves a waiter at the next Unlock' }, async () => {
  const mu = new Mutex({ name: 'mu', variant: 'initial' });
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
