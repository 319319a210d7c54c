// Course ch10, the canonical buffer pool (seed lines 2863–2876, Hugo's bufpool): a sync.Pool with
// New returning a fresh bytes.Buffer; GetBuffer takes one, PutBuffer resets it and puts it back.
// Here three request handlers each render into a pooled buffer.
//
// Each handler is done with its buffer before putting it back, and a Put happens-before the Get
// that hands the buffer to the next user (Go's race annotations on sync.Pool), so two handlers
// sharing one buffer over time are ordered. Get returns a pooled buffer or a new one: a GC may
// empty the pool at any time (seed 2842), and the handlers do not care which.
// What simcc reports: nothing, on every schedule.
// Buggy twins: pool-use-after-put.ts, pool-get-without-new.ts
import { scenario, go, shared, Pool, WaitGroup, assert, type Shared } from 'simcc';

async function getBuffer(p: Pool<Shared<string>>): Promise<Shared<string>> {
  return (await p.get())!; // buffers.Get().(*bytes.Buffer)
}

async function putBuffer(p: Pool<Shared<string>>, buf: Shared<string>): Promise<void> {
  await buf.write(''); // buf.Reset()
  await p.put(buf);
}

export default scenario('ch10: a sync.Pool of buffers', async () => {
  let created = 0;
  const buffers = new Pool(() => shared(`buffer-${++created}`, ''), 'buffers'); // New: new(bytes.Buffer)
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      const buf = await getBuffer(buffers);
      await buf.update((s) => s + `response ${i}`);
      assert((await buf.read()) === `response ${i}`, 'the buffer held someone else\'s data');
      await putBuffer(buffers, buf);
      await wg.done();
    }, `handler-${i}`);
  }
  await wg.wait();
});
