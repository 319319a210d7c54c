// Course ch05, pitfall 1 "copying" (seed lines 1385–1388), fixed: the struct is passed by pointer
// (in TypeScript, the object itself), and the read lock is released before the update takes the
// write lock.
//
// This is the fixed twin of rw-copy-locked.ts.
// What simcc reports: nothing.
import { scenario, shared, RWMutex, type Shared } from 'simcc';

interface Config {
  mu: RWMutex;
  addr: Shared<string>;
}

// func update(c *Config)
async function update(c: Config, addr: string): Promise<void> {
  await c.mu.lock();
  try {
    await c.addr.write(addr);
  } finally {
    await c.mu.unlock();
  }
}

export default scenario('ch05: RWMutex shared by pointer', async () => {
  const c: Config = { mu: new RWMutex({ name: 'c.mu' }), addr: shared('c.addr', ':80') };
  await c.mu.rLock();
  const addr = await c.addr.read();
  await c.mu.rUnlock();
  await update(c, addr + '80');
});
