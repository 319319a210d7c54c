// Course ch14, fan-in (seed lines 4327–4400): mergeTwo(a, b) merges two sources into one output:
//   for a != nil || b != nil { select {
//     case v, ok := <-a: if !ok { a = nil; continue }; c <- v
//     case v, ok := <-b: if !ok { b = nil; continue }; c <- v } }
// The key idiom: set a closed source to nil, which disables its select case (a nil channel is never
// ready), instead of receiving its zero values forever.
//
// No bug: two producers, merged, and a consumer that checks it got every value exactly once.
// What simcc reports: nothing, in every schedule: the merge goroutine ends when both sources are
// closed, and closes its output.
// Buggy twin: fan-in-merge-no-nil.ts
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
    while (!a.isNil || !b.isNil) {
      const r = await select([a.recvCase(), b.recvCase()]);
      if (!r.ok) {
        if (r.index === 0) a = Channel.nil<number>('a');
        else b = Channel.nil<number>('b'); // FIX: a nil channel disables the case
        continue;
      }
      await c.send(r.value!);
    }
    await c.close();
  }, 'mergeTwo');
  return c;
}

export default scenario('ch14: fan-in with the nil-channel idiom', async () => {
  const merged = mergeTwo(source('a', [1, 2, 3]), source('b', [10, 20]));
  const got: number[] = [];
  for await (const v of merged) {
    assert(v !== undefined, 'a zero value from a closed source was forwarded');
    got.push(v);
  }
  assert(got.sort((x, y) => x - y).join(',') === '1,2,3,10,20', `merged ${got.join(',')}`);
});
