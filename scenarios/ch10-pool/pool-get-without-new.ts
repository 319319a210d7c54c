// Course ch10, sync.Pool's API (seed lines 2855–2858): Get returns nil when the pool is empty and
// New is nil, so callers may need a nil check. With `buffers.Get().(*bytes.Buffer)` and no New, Go
// panics (`interface conversion: interface {} is nil, not *bytes.Buffer`).
//
// The bug: a pool without New, used as if Get always returned a buffer. It works while a put
// buffer is waiting in the pool; the first Get on an empty pool (at start, or after a GC emptied
// it) gets nothing.
// What simcc reports: panic (a TypeError on the undefined buffer, the simulator's form of Go's
// nil panic), on every schedule: the very first Get finds the pool empty.
// Fixed twin: buffer-pool.ts
import { scenario, go, Pool, WaitGroup, type Shared } from 'simcc';

export default scenario({ name: 'ch10: Pool.Get without New', expect: ['panic'] }, async () => {
  const buffers = new Pool<Shared<string>>(undefined, 'buffers'); // BUG: no New
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      const buf = (await buffers.get()) as Shared<string>; // buffers.Get().(*bytes.Buffer)
      await buf.write(`response ${i}`);
      await buffers.put(buf);
      await wg.done();
    }, `handler-${i}`);
  }
  await wg.wait();
});
