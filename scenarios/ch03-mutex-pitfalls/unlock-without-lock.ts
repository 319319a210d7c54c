// Course ch03 "four common mistakes", pitfall 1 "Lock/Unlock not paired", the missing-Lock case
// (seed lines 739–745). Someone deleted the mu.Lock() in a refactor, and `defer mu.Unlock()` remains.
//
// The bug: Unlock of a Mutex that is not locked. Go stops the program with
// `fatal error: sync: unlock of unlocked mutex`. This is a fatal error, not a panic, and recover
// cannot catch it.
// What simcc reports: unlock-of-unlocked, at the deferred unlock, in every schedule (there is only
// one).
// Fixed twin: lock-then-deferred-unlock.ts
import { scenario, Mutex } from 'simcc';

async function foo(): Promise<void> {
  const mu = new Mutex({ name: 'mu' });
  // mu.Lock()  <- deleted by mistake
  try {
    // fmt.Println("hello world!")
  } finally {
    await mu.unlock(); // defer mu.Unlock()
  }
}

export default scenario({ name: 'ch03: Unlock without Lock', expect: ['unlock-of-unlocked'] }, async () => {
  await foo();
});
