// Kernel of the atomic check-then-act close (a load and a store where a CompareAndSwap belongs; the
// shape of several "close of closed channel" fixes in grpc-go and etcd transports):
//   func (t *transport) Close() {
//       if atomic.LoadInt32(&t.closed) == 1 { return }
//       runtime.Gosched()                 // (any preemption point: a log call, a metric)
//       atomic.StoreInt32(&t.closed, 1)   // BUG: two closers both passed the load
//       close(t.done)
//   }
// Close is called by the reader goroutine on a read error and by the user at the same time.
//
// The bug: each atomic operation is atomic, their pair is not: both callers load 0, both store 1,
// both close. panic: close of closed channel.
// Expected finding: close-of-closed-channel.
// Fixed twin: atomic-check-then-close-fixed.ts
import { scenario, go, yieldNow, AtomicInt, Channel, WaitGroup } from 'simcc';

class Transport {
  readonly closed = new AtomicInt(0, 't.closed');
  readonly done = new Channel<void>(0, { name: 't.done' });

  async close(): Promise<void> {
    if ((await this.closed.load()) === 1) return;
    await yieldNow(); // runtime.Gosched()
    await this.closed.store(1); // BUG
    await this.done.close();
  }
}

export default scenario({ name: 'atomics: Load then Store instead of CompareAndSwap', expect: ['close-of-closed-channel'] }, async () => {
  const t = new Transport();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    await t.close(); // reader: read error
    await wg.done();
  }, 'reader');
  await t.close(); // user
  await wg.wait();
});
