// Course ch14, Map-Reduce (seed lines 4479–4546), the leak the extract points out (leak catalogue L5):
// neither mapChan nor the stream takes a way to stop, so a consumer that stops reading early leaves
// them blocked on their sends.
//
// The bug: the consumer only wants the first mapped value above 25 and returns as soon as it has it;
// the stages upstream still hold values nobody will take.
// What simcc reports: leak, in every schedule: mapChan is blocked forever in a send on 'mapped' and
// asStream in its select on 'stream' (its `done` is a nil channel, never ready); each report line says
// who else could reach the channel and what it is blocked in.
// Fixed twin: map-reduce-with-done.ts
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
    for await (const v of input) await out.send(fn(v)); // BUG: no way to stop
    await out.close();
  }, 'mapChan');
  return out;
}

async function firstAbove(input: Channel<number>, limit: number): Promise<number | undefined> {
  for await (const v of input) if (v > limit) return v; // stops reading early
  return undefined;
}

export default scenario({ name: 'ch14: map-reduce stages leak when the consumer stops early', expect: ['leak'] }, async () => {
  const input = asStream(Channel.nil<void>('done'), [1, 2, 3, 4, 5]);
  const v = await firstAbove(
    mapChan(input, (x) => x * 10),
    25,
  );
  assert(v === 30, `got ${v}`);
});
