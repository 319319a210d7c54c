// Course ch02 "the four stages of Go's Mutex" (seed lines 302–719), the fairness demonstration the
// chapter builds up to: 'greedy' locks, sleeps 2 ms holding the lock, unlocks and at once locks
// again, ten times; 'waiter' arrives 1 ms in and locks once. The assertion is that the waiter gets
// the lock before 'greedy' has taken it more than 5 times after the waiter asked.
// For `--strategy pct` or `simcc explore`, add `--time synctest`: in the default time mode a timer
// may fire while a goroutine is ready, so a scheduler can leave the waiter ready but unscheduled
// (before it even calls Lock) while 'greedy' runs round after round — a starvation no Mutex helps.
//
// The same program with a Mutex that names no stage, to compare the stages on it:
//   simcc run scenarios/ch02-mutex-stages/fairness.ts --mutex all
// prints one row per stage (acquisitions, longest wait, hand-offs, how often a newcomer beat a
// woken waiter, and the finding): newcomer and spinning starve the waiter, initial and
// starvation do not.
// Run as is (and by `simcc check`), the Mutex is simcc's plain one, which lets any waiter win at
// each Unlock — every order some implementation allows, the unfair ones included — so it reports
// assertion, like the newcomer stage. The per-stage files fix the stage: fairness-initial.ts,
// fairness-newcomer.ts, fairness-spinning.ts, fairness-starvation.ts.
import { scenario, go, Mutex, WaitGroup, sleep, assert } from 'simcc';

const ROUNDS = 10; // critical sections 'greedy' runs
const K = 5; // the waiter must get the lock before 'greedy' has taken it more than K times

export default scenario({ name: 'ch02: a waiter and a goroutine that re-locks across a sleep', expect: ['assertion'] }, async () => {
  const mu = new Mutex({ name: 'mu' });
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
