// Course ch14, Map-Reduce in one process (seed lines 4479–4546): asStream(nil, 1, 2, 3, 4, 5) →
// mapChan(v * 10) → reduce(r + v) prints 150. asStream is called with a nil `done`, so its
// `case <-done` is never ready (a nil channel's case is disabled) and it streams every value.
//
// No bug: the course's program, with the consumer reading everything.
// What simcc reports: nothing, in every schedule: every stage closes its output after its last send
// and ends, and the sum is 150.
// Buggy variant: map-reduce-early-exit-leak.ts (a consumer that stops early); its fix:
// map-reduce-with-done.ts.
import { scenario, go, assert, Channel, select } from 'simcc';

function asStream(done: Channel<void>, values: number[]): Channel<number> {
  const s = new Channel<number>(0, { name: 'stream' });
  go(async () => {
    try {
      for (const v of values) {
        const r = await select([done.recvCase(), s.sendCase(v)]);
        if (r.index === 0) return;
      }
    } finally {
      await s.close();
    }
  }, 'asStream');
  return s;
}

function mapChan(input: Channel<number>, fn: (v: number) => number): Channel<number> {
  const out = new Channel<number>(0, { name: 'mapped' });
  go(async () => {
    for await (const v of input) await out.send(fn(v));
    await out.close();
  }, 'mapChan');
  return out;
}

async function reduce(input: Channel<number>, fn: (r: number, v: number) => number): Promise<number | undefined> {
  let out = await input.recv();
  if (out === undefined) return undefined;
  for await (const v of input) out = fn(out, v);
  return out;
}

export default scenario('ch14: map-reduce sums to 150', async () => {
  const input = asStream(Channel.nil<void>('done'), [1, 2, 3, 4, 5]);
  const sum = await reduce(
    mapChan(input, (v) => v * 10),
    (r, v) => r + v,
  );
  assert(sum === 150, `sum ${sum}`);
});
