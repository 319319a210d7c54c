// Course ch14, Or-Done (seed lines 4239–4294): or(channels...) returns a channel closed as soon as any
// input is closed — e.g. the same request sent to several replicas, taking the first reply. The
// course's recursive version splits the inputs in halves:
//   default: m := len(channels)/2; select { case <-or(channels[:m]...): case <-or(channels[m:]...): }
//
// The bug (the extract's analysis, leak catalogue L4): when one half fires, the goroutines of the
// other half are never told; they wait until one of their own inputs fires. Here two of the four
// replicas hang and never reply, and they are the two in the losing half.
// What simcc reports: leak, in every schedule: after main returns (and the slower replica has replied),
// the goroutine waiting on the two hung replicas is still blocked in its select; the report names
// both channels and says that nobody alive can reach them.
// Fixed twin: or-done-fixed.ts (pass orDone into the recursion)
import { scenario, go, sleep, Channel, select } from 'simcc';

/** A replica: its channel is closed when it replies, `ms` after the request; null: it never replies. */
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
      const m = Math.floor(channels.length / 2);
      await select([or(...channels.slice(0, m)).recvCase(), or(...channels.slice(m)).recvCase()]); // BUG
    }
    await orDone.close();
  }, orDone.name);
  return orDone;
}

export default scenario({ name: 'ch14: recursive or-done leaks the losing half', expect: ['leak'] }, async () => {
  await or(replica('fast', 10), replica('slow', 20), replica('hung-1', null), replica('hung-2', null)).recv();
});
