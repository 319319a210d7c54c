// Course ch02, stage 2 "newcomer" (seed lines ~465–480): Unlock first subtracts mutexLocked with
// atomic.AddInt32 and only then checks that the lock was held:
//     new := atomic.AddInt32(&m.state, -mutexLocked)
//     if (new+mutexLocked)&mutexLocked == 0 { panic("sync: unlock of unlocked mutex") }
// In 2011 this was a panic, which recover() catches (today it is a fatal error: see
// starvation-unlock-of-unlocked-fatal.ts).
//
// The bug: the program recovers from that panic and keeps using the Mutex. The subtraction already
// happened: the state word is now −1, whose bits read "locked, woken, −1 waiters".
// What simcc reports: deadlock. The next Lock reads −1, sees the lock "held", adds itself as a
// waiter (−1 + 4 = 3: locked and woken, the waiter count wrapped to 0) and sleeps on the semaphore;
// no Unlock will ever wake it. The timeline shows each step on the state word.
// Twin: starvation-unlock-of-unlocked-fatal.ts (the same mistake under today's Mutex: fatal at once).
import { scenario, Mutex } from 'simcc';

export default scenario({ name: 'ch02: recovering from Unlock of an unlocked newcomer Mutex', expect: ['deadlock'] }, async () => {
  const mu = new Mutex({ name: 'mu', variant: 'newcomer' });
  try {
    await mu.unlock(); // never locked
  } catch {
    // recover(): the panic is gone, the damage to the state word is not
  }
  await mu.lock();
  await mu.unlock();
});
