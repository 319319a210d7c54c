// Course ch14, Map-Reduce (seed lines 4479–4546) with the fix the extract suggests: a `done` channel
// that the consumer closes when it stops (Go's `defer close(done)`); every stage selects on it next to
// its send, so it returns instead of blocking.
//
// No bug: the same stages and early-stopping consumer as map-reduce-early-exit-leak.ts.
// What simcc reports: nothing, in every schedule: after the consumer closes `done`, each stage either
// sees it or finishes its last send, and ends.
// Buggy twin: map-reduce-early-exit-leak.ts
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

function mapChan(done: Channel<void>, input: Channel<number>, fn: (v: number) => number): Channel<number> {
  const out = new Channel<number>(0, { name: 'mapped' });
  go(async () => {
    try {
      for await (const v of input) {
        const r = await select([done.recvCase(), out.sendCase(fn(v))]); // FIX: stop on done
        if (r.index === 0) return;
      }
    } finally {
      await out.close();
    }
  }, 'mapChan');
  return out;
}

async function firstAbove(input: Channel<number>, limit: number): Promise<number | undefined> {
  for await (const v of input) if (v > limit) return v;
  return undefined;
}

export default scenario('ch14: map-reduce stages stop on done', async () => {
  const done = new Channel<void>(0, { name: 'done' });
  try {
    const input = asStream(done, [1, 2, 3, 4, 5]);
    const v = await firstAbove(
      mapChan(done, input, (x) => x * 10),
      25,
    );
    assert(v === 30, `got ${v}`);
  } finally {
    await done.close(); // defer close(done)
  }
});
