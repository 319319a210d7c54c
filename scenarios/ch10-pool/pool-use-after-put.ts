// Course ch10, Pool pitfalls (seed lines 2991–3007, and the Put/Get semantics of seed 2857–2860):
// a handler puts its buffer back into the pool and then keeps using it (here it still appends a
// trailer it forgot).
//
// The bug: after Put the buffer belongs to the pool, and the next Get may hand it to another
// goroutine. A Put happens-before the Get that takes the buffer, but the handler's writes after
// its Put are ordered with nothing the other goroutine does.
// What simcc reports: data-race on the buffer, on the schedules where another handler gets the
// same buffer (no GC emptied the pool in between) while the first one still writes to it.
// Fixed twin: buffer-pool.ts
import { scenario, go, shared, Pool, WaitGroup, type Shared } from 'simcc';

export default scenario({ name: 'ch10: using a buffer after putting it back', expect: ['data-race'] }, async () => {
  let created = 0;
  const buffers = new Pool(() => shared(`buffer-${++created}`, ''), 'buffers');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      const buf: Shared<string> = (await buffers.get())!;
      await buf.write(`response ${i}`);
      await buffers.put(buf);
      await buf.update((s) => s + '\n'); // BUG: the buffer is back in the pool
      await wg.done();
    }, `handler-${i}`);
  }
  await wg.wait();
});
