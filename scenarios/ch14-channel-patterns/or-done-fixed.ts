// Course ch14, Or-Done (seed lines 4239–4294), fixed as in Cox-Buday's canonical version (the
// extract's analysis): the recursive call gets this level's orDone as one more input,
//   select { case <-channels[0]: case <-channels[1]: case <-channels[2]: case <-or(append(channels[3:], orDone)...): }
// so when this level is done, every goroutine below it is released too.
//
// No bug: the same four replicas as or-done.ts, two of them hung.
// What simcc reports: nothing, in every schedule: closing the top orDone releases the goroutine that
// waits on the hung replicas.
// Buggy twin: or-done.ts
import { scenario, go, sleep, Channel, select } from 'simcc';

function replica(name: string, ms: number | null): Channel<void> {
  const c = new Channel<void>(0, { name });
  if (ms !== null) {
    go(async () => {
      await sleep(ms);
      await c.close();
    }, name);
  }
  return c;
}

function or(...channels: Channel<void>[]): Channel<void> {
  if (channels.length === 0) return Channel.nil<void>();
  if (channels.length === 1) return channels[0]!;
  const orDone = new Channel<void>(0, { name: `or(${channels.map((c) => c.name).join(',')})` });
  go(async () => {
    if (channels.length === 2) {
      await select([channels[0]!.recvCase(), channels[1]!.recvCase()]);
    } else {
      const rest = or(...channels.slice(3), orDone); // FIX: the level below also waits for orDone
      await select([channels[0]!.recvCase(), channels[1]!.recvCase(), channels[2]!.recvCase(), rest.recvCase()]);
    }
    await orDone.close();
  }, orDone.name);
  return orDone;
}

export default scenario('ch14: or-done with orDone passed down', async () => {
  await or(replica('fast', 10), replica('slow', 20), replica('hung-1', null), replica('hung-2', null)).recv();
});
