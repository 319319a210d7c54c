// Course ch03, pitfall 3 "re-entrancy": the course's RecursiveMutex has a second benefit (seed lines
// 825, 873–878, 913–916). It knows its owner, so it can refuse an Unlock by anyone else:
// `panic("wrong the owner(%d): %d!")`. A plain Go Mutex has no owner, and any goroutine may unlock it.
//
// The bug: a goroutine that does not hold the lock (token 2) unlocks a RecursiveMutex that main
// holds (token 1). With sync.Mutex this would silently release main's critical section. The
// recursive mutex panics instead.
// What simcc reports: panic (the course's message), thrown in the `intruder` thread and not caught
// there. This happens in every schedule.
// Fixed twin: reentrant-token-recursive-mutex.ts (each holder unlocks with its own token)
import { scenario, spawn, Mutex, panic } from 'simcc';

class TokenRecursiveMutex {
  private mu = new Mutex({ name: 'rm.mu' });
  private token = 0; // the course: atomic int64 (not in this release; see reentrant-token-recursive-mutex.ts)
  private recursion = 0;

  async lock(token: number): Promise<void> {
    if (this.token === token) {
      this.recursion++;
      return;
    }
    await this.mu.lock();
    this.token = token;
    this.recursion = 1;
  }

  async unlock(token: number): Promise<void> {
    if (this.token !== token) {
      panic(`wrong the owner(${this.token}): ${token}!`);
    }
    this.recursion--;
    if (this.recursion !== 0) {
      return;
    }
    this.token = 0;
    await this.mu.unlock();
  }
}

export default scenario({ name: 'ch03: RecursiveMutex unlocked by a non-owner', expect: ['panic'] }, async () => {
  const l = new TokenRecursiveMutex();
  await l.lock(1);
  const intruder = spawn(async () => {
    await l.unlock(2); // BUG: not the owner
  }, 'intruder');
  await intruder.join();
  await l.unlock(1);
});
