// Course ch03, pitfall 2 "copying a used Mutex" (seed lines 747–776).
//
// This is the fixed twin of copy-locked-mutex.ts. foo takes *Counter (in TypeScript, the object
// itself) so no Mutex is copied. Because foo now locks the same Mutex, main must not hold it when
// it calls foo: the course's `defer c.Unlock()` across foo(&c) would lock twice. So the increment
// gets its own Lock/Unlock. To use the lock for what it is for, foo runs in its own thread next to
// main, and both increment c.count.
// What simcc reports: nothing. No copy, no race, and the count is 2 in every schedule.
import { scenario, spawn, shared, Mutex, assert, type Shared } from 'simcc';

interface Counter {
  mu: Mutex;
  count: Shared<number>;
}

// func foo(c *Counter)
async function foo(c: Counter): Promise<void> {
  await c.mu.lock();
  try {
    await c.count.update((n) => n + 1);
  } finally {
    await c.mu.unlock();
  }
}

export default scenario('ch03: pass the Counter by pointer', async () => {
  const c: Counter = { mu: new Mutex({ name: 'c.mu' }), count: shared('c.count', 0) };
  const h = spawn(() => foo(c), 'foo');
  await c.mu.lock();
  await c.count.update((n) => n + 1);
  await c.mu.unlock();
  await h.join();
  await c.mu.lock();
  assert((await c.count.read()) === 2, 'an increment was lost');
  await c.mu.unlock();
});
