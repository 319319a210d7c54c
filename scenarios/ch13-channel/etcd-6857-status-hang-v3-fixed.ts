// Course ch13, etcd #6857, the complete fix (seed line 3970 and the extract's analysis): watch n.done
// in both waits, the hand-over of the request and the wait for its answer:
//   select { case n.status <- c: case <-n.done: return Status{} }
//   select { case s := <-c: return s; case <-n.done: return Status{} }
//
// No bug: the same node kernel and the same race between Status() and Stop() as the two
// buggy versions.
// What simcc reports: nothing, in every schedule: whenever the node stops, n.done is closed and both
// waits can return.
// Buggy twins: etcd-6857-status-hang.ts, etcd-6857-status-hang-v2.ts
import { scenario, go, assert, Channel, select, WaitGroup } from 'simcc';

// A kernel of etcd's raft node. Its run loop serves everything from one select, as etcd's does: a
// status request arrives as a reply channel on `status`, and the loop answers it from the same select
// on a later iteration (a send case on the pending reply channel, disabled with a nil channel while
// there is none); a value on `stop` closes `done` and ends the loop. So the node can stop between
// taking a request and answering it.
interface Status {
  term: number;
}

class Node {
  readonly status = new Channel<Channel<Status>>(0, { name: 'n.status' });
  readonly stopc = new Channel<void>(0, { name: 'n.stop' });
  readonly done = new Channel<void>(0, { name: 'n.done' });

  constructor() {
    go(() => this.run(), 'node.run');
  }

  private async run(): Promise<void> {
    const term = 7;
    let pending: Channel<Status> = Channel.nil<Status>('pending');
    for (;;) {
      const r = await select([this.status.recvCase(), pending.sendCase({ term }), this.stopc.recvCase()]);
      if (r.index === 0) pending = r.value as Channel<Status>; // answered on a later iteration
      else if (r.index === 1) pending = Channel.nil<Status>('pending');
      else {
        await this.done.close();
        return;
      }
    }
  }

  async stop(): Promise<void> {
    await this.stopc.send();
    await this.done.recv();
  }
}

async function status(n: Node): Promise<Status> {
  const c = new Channel<Status>(0, { name: 'c' });
  const sent = await select([n.status.sendCase(c), n.done.recvCase()]);
  if (sent.index === 1) return { term: 0 };
  const r = await select([c.recvCase(), n.done.recvCase()]); // FIX: the answer may never come
  return r.index === 0 ? r.value! : { term: 0 };
}

export default scenario('etcd 6857 v3: Status() watches done in both waits', async () => {
  const n = new Node();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    const s = await status(n);
    assert(s.term === 7 || s.term === 0, `unexpected term ${s.term}`);
    await wg.done();
  }, 'client');
  await n.stop();
  await wg.wait();
});
