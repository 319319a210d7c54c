// Course ch03, pitfall 1 "Lock/Unlock not paired", the missing-Unlock case (seed lines 727–738):
// with many if/else branches, one branch returns without Unlock. After that the lock is never
// released and every other goroutine that wants it waits forever.
//
// The bug: withdraw() returns early on "insufficient funds" while it still holds the lock. Two
// goroutines each withdraw 60 from a balance of 100. Whichever comes second takes the early
// return, so the lock leaks in every schedule. Main then reads the balance, and the read waits
// for the lock.
// What simcc reports: deadlock. Main blocks in lock() and no live goroutine can unlock, so all
// goroutines are asleep (`all goroutines are asleep - deadlock!`). The report says that the mutex
// was last locked by the withdrawing goroutine, and where.
// Fixed twin: unlock-with-defer.ts
import { scenario, go, shared, Mutex, WaitGroup } from 'simcc';

export default scenario({ name: 'ch03: early return without Unlock', expect: ['deadlock'] }, async () => {
  const mu = new Mutex({ name: 'account.mu' });
  const balance = shared('account.balance', 100);
  const wg = new WaitGroup({ name: 'wg' });

  async function withdraw(amount: number): Promise<boolean> {
    await mu.lock();
    const b = await balance.read();
    if (b < amount) {
      return false; // BUG: returns with account.mu still locked
    }
    await balance.write(b - amount);
    await mu.unlock();
    return true;
  }

  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      try {
        await withdraw(60);
      } finally {
        await wg.done();
      }
    }, `customer-${i}`);
  }
  await wg.wait();
  await mu.lock(); // the next reader of the account never gets in
  await balance.read();
  await mu.unlock();
});
