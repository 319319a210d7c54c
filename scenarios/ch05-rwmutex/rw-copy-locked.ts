// Course ch05, pitfall 1 "copying" (seed lines 1385–1388): an RWMutex is a Mutex plus counters;
// a copy carries their values at that moment, and releasing the original does not release the copy.
// The minimal form: `var a sync.RWMutex; a.RLock(); b := a; b.Lock()`, which blocks forever.
// Here a config struct holding its RWMutex is passed by value while it is read-locked.
//
// The bug: copying a sync type after first use. go vet's copylocks check catches it (seed 1388).
// In TypeScript an assignment aliases, so Go's copy is written copyValue(...).
// What simcc reports: copied-lock at the copyValue call, on every schedule: the RWMutex is in use
// (read-locked) when it is copied. Without the report, the copy's Lock would wait forever for a
// reader that will never rUnlock the copy.
// Fixed twin: rw-pass-pointer.ts
import { scenario, shared, copyValue, RWMutex, type Shared } from 'simcc';

interface Config {
  mu: RWMutex;
  addr: Shared<string>;
}

// func update(c Config): takes the struct by value
async function update(c: Config, addr: string): Promise<void> {
  await c.mu.lock();
  try {
    await c.addr.write(addr);
  } finally {
    await c.mu.unlock();
  }
}

export default scenario({ name: 'ch05: copying a read-locked RWMutex', expect: ['copied-lock'] }, async () => {
  const c: Config = { mu: new RWMutex({ name: 'c.mu' }), addr: shared('c.addr', ':80') };
  await c.mu.rLock();
  const addr = await c.addr.read();
  await update(copyValue(c), addr + '80'); // BUG: copies the read-locked RWMutex
  await c.mu.rUnlock();
});
