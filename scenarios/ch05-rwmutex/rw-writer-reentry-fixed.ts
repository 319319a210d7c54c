// Course ch05, pitfall 2 "reentrancy", first form (seed lines 1391–1409), fixed: bar no longer
// locks; it documents that its caller holds the write lock (the usual `xxxLocked` helper), and a
// caller without the lock goes through a wrapper that takes it.
//
// This is the fixed twin of rw-writer-reentry.ts.
// What simcc reports: nothing. The lock is taken once per call chain.
import { scenario, go, RWMutex, WaitGroup } from 'simcc';

async function foo(l: RWMutex): Promise<void> {
  await l.lock();
  try {
    await barLocked();
  } finally {
    await l.unlock();
  }
}

/** Must be called with l held for writing. */
async function barLocked(): Promise<void> {
  // fmt.Println("in bar")
}

async function bar(l: RWMutex): Promise<void> {
  await l.lock();
  try {
    await barLocked();
  } finally {
    await l.unlock();
  }
}

export default scenario('ch05: write lock taken once, helpers assume it is held', async () => {
  const l = new RWMutex({ name: 'l' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    try {
      await bar(l);
    } finally {
      await wg.done();
    }
  }, 'other');
  await foo(l);
  await wg.wait();
});
