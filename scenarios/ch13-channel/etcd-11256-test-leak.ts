// Course ch13, real bug etcd #11256 (seed lines 3973–3976; OCR 7052–7070): a goroutine leak in the
// test TestNodeProposeAddLearnerNode. The test's helper goroutine applies every Ready it gets and,
// for each conf-change entry, notifies the test on the unbuffered `applyConfChan`. The test waits
// for one notification, closes `stop` and returns.
//
// The bug: the conf change shows up in more than one Ready (here: once to persist, once committed),
// so the helper sends a second notification, which nobody receives (etcd's line 851). The helper's
// select could have seen `stop`, but a Ready was ready too and the choice is random.
// What simcc reports: leak, in the schedules where the helper takes the second Ready before `stop`:
// it is blocked forever in a send on applyConfChan, whose other end (the test, main) has finished.
// Fixed twin: etcd-11256-fixed.ts
import { scenario, go, Channel, select } from 'simcc';

interface Ready {
  entries: string[];
}

export default scenario({ name: 'etcd 11256: the test helper leaks on its second notification', expect: ['leak'] }, async () => {
  const ready = new Channel<Ready>(2, { name: 'n.Ready()' });
  const stop = new Channel<void>(0, { name: 'stop' });
  const applyConfChan = new Channel<void>(0, { name: 'applyConfChan' });

  go(async () => {
    for (;;) {
      const r = await select([stop.recvCase(), ready.recvCase()]);
      if (r.index === 0) return;
      for (const e of (r.value as Ready).entries) {
        if (e === 'EntryConfChange') await applyConfChan.send(); // BUG: once per Ready, not once
      }
    }
  }, 'helper');

  // n.ProposeConfChange(AddLearnerNode): the entry comes out in two Readys
  await ready.send({ entries: ['EntryConfChange'] });
  await ready.send({ entries: ['EntryNormal', 'EntryConfChange'] });
  await applyConfChan.recv();
  await stop.close();
});
