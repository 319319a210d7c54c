// Course ch02, stage 1 "initial" (seed lines ~365–375): Unlock can be called by any goroutine, even
// one that does not hold the lock, because the Mutex does not record its holder (still true
// today). The course calls this "interesting and dangerous": the goroutine in the critical section
// does not know the lock was released and carries on, so a data race follows. Rule: whoever
// locks, unlocks.
//
// The bug: 'janitor' "releases a lock that looks stuck" while 'owner' is in the middle of its
// critical section; 'depositor', waiting for the lock, gets it and writes `balance` while 'owner'
// still writes it too.
// What simcc reports: data-race on `balance` between 'owner' and 'depositor' on most schedules.
// The janitor's Unlock (key 2 → 1, semrelease) hands the lock to the depositor, which acquires
// only what the janitor released: 'owner's writes are ordered with nothing the depositor did.
// When the depositor comes late, the lock is free when 'owner' unlocks (key 0 → −1), and the
// same mistake shows as unlock-of-unlocked ("sync: unlock of unlocked mutex", the check the
// course says Unlock gained soon after 2008) — so both kinds can come first.
// Fixed twin: initial-who-locks-unlocks.ts
import { scenario, go, Mutex, WaitGroup, Channel, shared, sleep } from 'simcc';

export default scenario({ name: 'ch02: another goroutine unlocks the initial Mutex', expect: ['data-race', 'unlock-of-unlocked'] }, async () => {
  const mu = new Mutex({ name: 'mu', variant: 'initial' });
  const balance = shared('balance', 100);
  const locked = new Channel<string>(2, { name: 'locked' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  go(async () => {
    await mu.lock();
    await locked.send('owner has the lock');
    await locked.send('owner has the lock');
    await balance.update((b) => b - 30);
    await sleep(1); // a slow withdrawal: the lock looks stuck
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
    await locked.recv();
    await mu.unlock(); // BUG: not its lock
    await wg.done();
  }, 'janitor');
  await wg.wait();
});
