// Course ch14, fan-in (seed lines 4378–4400), the mistake the nil idiom prevents (the extract's demo
// pair): mergeTwo without the `ok` check and without setting a closed source to nil.
//   for { select { case v := <-a: c <- v; case v := <-b: c <- v } }
//
// The bug: a closed channel is always ready, so once a source is closed the merge goroutine keeps
// receiving its zero value and forwarding it, and it never ends.
// What simcc reports: assertion, in every schedule: the consumer ranges over the merged channel (which
// is never closed) and soon receives a zero value (undefined) that no producer sent.
// Fixed twin: fan-in-merge.ts
import { scenario, go, assert, Channel, select } from 'simcc';

function source(name: string, values: number[]): Channel<number> {
  const ch = new Channel<number>(0, { name });
  go(async () => {
    for (const v of values) await ch.send(v);
    await ch.close();
  }, `producer-${name}`);
  return ch;
}

function mergeTwo(a: Channel<number>, b: Channel<number>): Channel<number> {
  const c = new Channel<number>(0, { name: 'merged' });
  go(async () => {
    for (;;) {
      const r = await select([a.recvCase(), b.recvCase()]);
      await c.send(r.value!); // BUG: no `ok` check, and a closed source stays in the select
    }
  }, 'mergeTwo');
  return c;
}

export default scenario({ name: 'ch14: fan-in forwards zero values from a closed source', expect: ['assertion'] }, async () => {
  const merged = mergeTwo(source('a', [1, 2, 3]), source('b', [10, 20]));
  for await (const v of merged) {
    assert(v !== undefined, 'a zero value from a closed source was forwarded');
  }
});
