// Course ch08, why Once is built the way it is (seed lines 2066–2099 and 2202–2225): lazy
// initialisation with a mutex costs a lock on every call, so a hand-written "fast path" checks an
// `initialised` flag first without the lock, and only takes the lock (and checks again) when it is
// false: the double-checked locking pattern, here with a plain bool instead of Once's atomic done.
//
// The bug: the lock-free read of `initialised` (and then of the resource) is not ordered with
// the write made under the lock by another goroutine. Go's Once reads done with atomic.LoadUint32
// precisely so that the store of done after f happens-before the fast-path read that sees it.
// What simcc reports: data-race on `initialised` (a lock-free read against the write under the
// lock), on every schedule: whichever caller initialises, nothing orders the other caller's first,
// lock-free read of the flag with that write, before or after it.
// Fixed twins: double-checked-init-atomic.ts (Once's own algorithm), lazy-init-once.ts (sync.Once)
import { scenario, go, shared, Mutex, WaitGroup, assert } from 'simcc';

export default scenario({ name: 'ch08: double-checked init with a plain flag', expect: ['data-race'] }, async () => {
  const mu = new Mutex({ name: 'mu' });
  const initialised = shared('initialised', false);
  const resource = shared<string | null>('resource', null);
  const get = async (): Promise<string> => {
    if (!(await initialised.read())) {
      // BUG: a plain read outside the lock
      await mu.lock();
      try {
        if (!(await initialised.read())) {
          await resource.write('expensive resource');
          await initialised.write(true);
        }
      } finally {
        await mu.unlock();
      }
    }
    return (await resource.read())!;
  };
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      try {
        assert((await get()) === 'expensive resource');
      } finally {
        await wg.done();
      }
    }, `caller-${i}`);
  }
  await wg.wait();
});
