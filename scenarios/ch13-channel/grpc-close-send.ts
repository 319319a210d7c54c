// Course ch13, real bugs etcd #9956 / grpc #2695 (seed line 3977; OCR 7172–7182): send on an
// already-closed channel in grpc's serverHandlerTransport. Writers hand their work to the stream's
// writer loop with ht.do(), which checks ht.closedCh and then sends on ht.writes; when the handler
// returns, the transport closes closedCh and then also ht.writes.
//
// The bug: `close(ht.writes)`. A writer that passed the closedCh check, or that is blocked in its
// select, can send on writes after (or while) it is closed. The select's other case, closedCh, does
// not help: a send case on a closed channel is ready too, and the panic is as likely as the escape.
// What simcc reports: data-race on ht.writes in most schedules (close is a write and a send a read
// for Go's race detector, and the writer's send is not ordered before the close); in the others the
// panic itself, `send on closed channel`.
// Fixed twin: grpc-close-send-fixed.ts (the fix removed `close(ht.writes)`)
import { scenario, go, Channel, select, WaitGroup } from 'simcc';

class ServerHandlerTransport {
  readonly writes = new Channel<string>(0, { name: 'ht.writes' });
  readonly closedCh = new Channel<void>(0, { name: 'ht.closedCh' });

  async do(msg: string): Promise<string | null> {
    const closed = await select([this.closedCh.recvCase()], { default: true });
    if (closed.index === 0) return 'ErrConnClosing';
    const r = await select([this.writes.sendCase(msg), this.closedCh.recvCase()]);
    return r.index === 0 ? null : 'ErrConnClosing';
  }

  /** The stream's writer loop, until the transport closes. */
  async runWriter(): Promise<void> {
    for (;;) {
      const r = await select([this.writes.recvCase(), this.closedCh.recvCase()]);
      if (r.index === 1 || !r.ok) return;
    }
  }

  async close(): Promise<void> {
    await this.closedCh.close();
    await this.writes.close(); // BUG: a writer may still send on it
  }
}

export default scenario({ name: 'grpc 2695: writes closed under a writer', expect: ['data-race', 'send-on-closed-channel'] }, async () => {
  const ht = new ServerHandlerTransport();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    await ht.runWriter();
    await wg.done();
  }, 'writer-loop');
  go(async () => {
    await ht.do('status: OK'); // WriteStatus from the RPC's goroutine
    await wg.done();
  }, 'rpc');
  await ht.do('headers'); // the handler writes once, then returns
  await ht.close();
  await wg.wait();
});
