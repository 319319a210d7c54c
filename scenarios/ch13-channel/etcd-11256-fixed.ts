// Course ch13, the fix of etcd #11256 (seed lines 3973–3976): notify once, after the conf change has
// been applied, instead of once per Ready that carries it.
//
// No bug: the same helper, Readys and test as etcd-11256-test-leak.ts; the helper remembers that it
// has notified.
// What simcc reports: nothing, in every schedule: the one notification is the one the test receives,
// and the helper then sees `stop` (or drains the second Ready first, which no longer sends).
// Buggy twin: etcd-11256-test-leak.ts
import { scenario, go, Channel, select } from 'simcc';

interface Ready {
  entries: string[];
}

export default scenario('etcd 11256: the helper notifies once', async () => {
  const ready = new Channel<Ready>(2, { name: 'n.Ready()' });
  const stop = new Channel<void>(0, { name: 'stop' });
  const applyConfChan = new Channel<void>(0, { name: 'applyConfChan' });

  go(async () => {
    let notified = false;
    for (;;) {
      const r = await select([stop.recvCase(), ready.recvCase()]);
      if (r.index === 0) return;
      const applied = (r.value as Ready).entries.includes('EntryConfChange');
      if (applied && !notified) {
        notified = true; // FIX: one notification
        await applyConfChan.send();
      }
    }
  }, 'helper');

  await ready.send({ entries: ['EntryConfChange'] });
  await ready.send({ entries: ['EntryNormal', 'EntryConfChange'] });
  await applyConfChan.recv();
  await stop.close();
});
