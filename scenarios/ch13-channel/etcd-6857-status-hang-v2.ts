// Course ch13, etcd #6857, the fix that was merged (seed line 3970; OCR 7539–7553):
//   select { case n.status <- c: return <-c; case <-n.done: return Status{} }
// and the course's remark that it is still buggy: if the node stops *after* `n.status <- c` has
// succeeded, `return <-c` (line 467) still blocks forever.
//
// The bug: the request is now abandoned when the node is already stopped, but the wait for the
// answer still ignores n.done. (The node kernel below answers from its select on a
// later iteration, so it can stop in between.)
// What simcc reports: deadlock, in the fewer schedules where the node takes the request and then
// stops before answering; the client is blocked in a receive from `c`, whose only other end
// (node.run) has finished.
// Fixed twin: etcd-6857-status-hang-v3-fixed.ts
import { scenario, go, Channel, select, WaitGroup } from 'simcc';

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
  const r = await select([n.status.sendCase(c), n.done.recvCase()]);
  if (r.index === 1) return { term: 0 };
  return (await c.recv())!; // BUG: still blocks forever if the node stops now
}

export default scenario({ name: 'etcd 6857 v2: Status() can still hang', expect: ['deadlock'] }, async () => {
  const n = new Node();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    await status(n);
    await wg.done();
  }, 'client');
  await n.stop();
  await wg.wait();
});
