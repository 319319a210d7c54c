// The atomic check-then-act close, fixed: one CompareAndSwap decides which caller closes.
//   if !atomic.CompareAndSwapInt32(&t.closed, 0, 1) { return }
//   close(t.done)
// No bug.
// Buggy twin: atomic-check-then-close.ts
import { scenario, go, yieldNow, AtomicInt, Channel, WaitGroup } from 'simcc';

class Transport {
  readonly closed = new AtomicInt(0, 't.closed');
  readonly done = new Channel<void>(0, { name: 't.done' });

  async close(): Promise<void> {
    if (!(await this.closed.compareAndSwap(0, 1))) return; // FIX
    await yieldNow();
    await this.done.close();
  }
}

export default scenario('atomics: CompareAndSwap decides the closer', async () => {
  const t = new Transport();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    await t.close();
    await wg.done();
  }, 'reader');
  await t.close();
  await wg.wait();
});
