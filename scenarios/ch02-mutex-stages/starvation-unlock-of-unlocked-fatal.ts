// Course ch02, stage 4 "starvation" (seed lines ~690–700), today's Mutex: unlockSlow calls
//     throw("sync: unlock of unlocked mutex")
// a fatal error, where stage 2 (and 3) had a panic. recover() cannot catch a throw: the program
// stops at the bad Unlock, before the state word's damage can do anything worse.
//
// The bug: Unlock of a Mutex nobody locked, inside a recover (try/catch) that no longer helps.
// What simcc reports: unlock-of-unlocked, "sync: unlock of unlocked mutex", at the Unlock, in the
// one schedule there is. The finding's details show the state word after the subtraction (−1).
// Twin: newcomer-recover-unlock-of-unlocked.ts (stage 2: recoverable, then a deadlock).
import { scenario, Mutex } from 'simcc';

export default scenario({ name: 'ch02: Unlock of an unlocked starvation Mutex is fatal', expect: ['unlock-of-unlocked'] }, async () => {
  const mu = new Mutex({ name: 'mu', variant: 'starvation' });
  try {
    await mu.unlock(); // never locked
  } catch {
    // recover(): too late, a fatal error is not a panic
  }
  await mu.lock();
  await mu.unlock();
});
