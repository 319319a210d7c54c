// Course ch02, stage 1 "initial" (seed lines ~365–375): the rule the course draws from "any
// goroutine may Unlock" — whoever locks, unlocks, preferably in the same function.
//
// This is the fixed twin of initial-unlock-by-another-goroutine.ts: 'janitor' no longer unlocks a
// lock it did not take; it waits its turn like everybody else.
// What simcc reports: nothing. The depositor gets the lock only at 'owner's Unlock (which hands it
// over through the semaphore), so every write to `balance` is ordered by the Mutex.
import { scenario, go, Mutex, WaitGroup, Channel, shared, sleep, assert } from 'simcc';

export default scenario({ name: 'ch02: whoever locks the initial Mutex unlocks it' }, async () => {
  const mu = new Mutex({ name: 'mu', variant: 'initial' });
  const balance = shared('balance', 100);
  const locked = new Channel<string>(0, { name: 'locked' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  go(async () => {
    await mu.lock();
    await locked.send('owner has the lock');
    await balance.update((b) => b - 30);
    await sleep(1); // a slow withdrawal
    await balance.update((b) => b - 30);
    await mu.unlock();
    await wg.done();
  }, 'owner');
  go(async () => {
    await locked.recv();
    await mu.lock(); // waits behind 'owner'
    await balance.update((b) => b + 50);
    await mu.unlock();
    await wg.done();
  }, 'depositor');
  go(async () => {
    await sleep(1);
    await mu.lock(); // waits its turn
    assert((await balance.read()) !== 70, "saw the owner's half-done withdrawal");
    await mu.unlock();
    await wg.done();
  }, 'janitor');
  await wg.wait();
  assert((await balance.read()) === 90, 'a write to balance was lost');
});
