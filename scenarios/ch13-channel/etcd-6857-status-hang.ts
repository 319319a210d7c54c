// Course ch13, real bug etcd #6857 (seed lines 3967–3970; OCR 7537–7553): node.Status() hangs.
//   func (n *node) Status() Status { c := make(chan Status); n.status <- c; return <-c }
// (the node kernel is below)
//
// The bug: nothing in Status() watches for the node stopping. If the node stops first, the send
// `n.status <- c` blocks forever; if it stops after taking the request but before answering, `<-c`
// does.
// What simcc reports: deadlock in the schedules where the stop wins: main waits for the client, the
// client is blocked in a send on n.status (or a receive from its reply channel), and node.run has
// finished. The report says which goroutines could still reach each channel — none of them alive.
// Fixed twins: etcd-6857-status-hang-v2.ts (the course's first fix, still buggy) and
// etcd-6857-status-hang-v3-fixed.ts.
import { scenario, go, Channel, WaitGroup, select } from 'simcc';

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
  await n.status.send(c); // BUG: blocks forever once the node has stopped
  return (await c.recv())!; // BUG: and so does this, if it stopped after taking c
}

export default scenario({ name: 'etcd 6857: Status() hangs after the node stopped', expect: ['deadlock'] }, async () => {
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
