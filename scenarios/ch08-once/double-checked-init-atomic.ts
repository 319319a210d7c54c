// Course ch08, Once's implementation (seed lines 2202–2225): `if atomic.LoadUint32(&o.done) == 0
// { o.doSlow(f) }`, and doSlow locks the mutex, checks done again, runs f, and stores done = 1
// atomically after f (a defer, so even if f panics). Written out by hand for a lazy resource.
//
// This is the fixed twin of double-checked-init-without-once.ts. The fast path is an atomic load:
// the atomic store of done after the resource was written happens-before the load that sees it,
// so the reader that skips the lock still sees the resource. Callers that see done == 0 wait on the
// mutex until f has finished.
// What simcc reports: nothing, on every schedule.
import { scenario, go, shared, AtomicInt, Mutex, WaitGroup, assert } from 'simcc';

export default scenario('ch08: double-checked init with an atomic flag', async () => {
  const m = new Mutex({ name: 'o.m' });
  const done = new AtomicInt(0, 'o.done');
  const resource = shared<string | null>('resource', null);
  let inits = 0;
  const get = async (): Promise<string> => {
    if ((await done.load()) === 0) {
      await m.lock();
      try {
        if ((await done.load()) === 0) {
          inits++;
          await resource.write('expensive resource');
          await done.store(1);
        }
      } finally {
        await m.unlock();
      }
    }
    return (await resource.read())!;
  };
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      try {
        assert((await get()) === 'expensive resource');
      } finally {
        await wg.done();
      }
    }, `caller-${i}`);
  }
  await wg.wait();
  assert(inits === 1, `initialised ${inits} times`);
});
