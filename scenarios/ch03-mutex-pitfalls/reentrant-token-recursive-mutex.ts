// Course ch03, pitfall 3 "re-entrancy", the course's fix: a recursive Mutex, plan 2, the token
// version `TokenRecursiveMutex` (seed lines 890–923; plan 1, with the goroutine id, is at 827–887).
// The caller passes a token that identifies it. A Lock with the owner's token only increments the
// recursion count. Unlock with another token panics, and only the last Unlock releases the Mutex.
//
// This is the fixed twin of double-lock-reentrant.ts: the same foo → bar nesting, two goroutines,
// and a RecursiveMutex in place of the Mutex.
// What simcc reports: nothing. No double-lock, no race on the counter (the inner Mutex orders the
// holders), and the count is 2.
// The course reads and writes `token` with atomic.LoadInt64 / StoreInt64. Atomics are not in this
// release of simcc. A plain JS field behaves the same way here, because code between two awaits runs
// without interruption, but simcc does not track it.
import { scenario, go, shared, Mutex, WaitGroup, panic, assert, type Shared } from 'simcc';

class TokenRecursiveMutex {
  private mu = new Mutex({ name: 'rm.mu' });
  private token = 0; // the course: atomic int64
  private recursion = 0;

  async lock(token: number): Promise<void> {
    if (this.token === token) {
      // the owner locks again: recursion
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

async function foo(l: TokenRecursiveMutex, token: number, count: Shared<number>): Promise<void> {
  await l.lock(token);
  await bar(l, token, count);
  await l.unlock(token);
}

async function bar(l: TokenRecursiveMutex, token: number, count: Shared<number>): Promise<void> {
  await l.lock(token); // re-entrant: fine with a recursive mutex
  await count.update((n) => n + 1);
  await l.unlock(token);
}

export default scenario('ch03: re-entrant locking with a token RecursiveMutex', async () => {
  const l = new TokenRecursiveMutex();
  const count = shared('count', 0);
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      try {
        await foo(l, i + 1, count);
      } finally {
        await wg.done();
      }
    }, `caller-${i}`);
  }
  await wg.wait();
  assert((await count.read()) === 2, 'an increment was lost');
});
