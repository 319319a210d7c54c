// Course ch12 (atomic): the fixed twin of spin-wait-flag-never-set.ts. The producer sets `ready` on
// every path (the error path too, after recording the error), so the consumer's spin ends; the
// atomic store/load pair also orders the producer's write of `result` before the consumer's read.
// What simcc reports: nothing.
import { scenario, go, yieldNow, AtomicInt, WaitGroup, shared, assert } from 'simcc';

export default scenario({ name: 'ch12: spin-wait on a flag that is always set', stepLimit: 2000, runs: 200 }, async () => {
  const ready = new AtomicInt(0, 'ready');
  const result = shared('result', '');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    await result.write('error: disk full');
    await ready.store(1); // publish on every path
    await wg.done();
  }, 'producer');
  go(async () => {
    while ((await ready.load()) === 0) await yieldNow();
    assert((await result.read()) !== '', 'the result is published before the flag');
    await wg.done();
  }, 'consumer');
  await wg.wait();
});
