// Course ch13, the fix of etcd #9956 / grpc #2695 (seed line 3977; OCR 7172–7182: `- close(ht.writes)`):
// stop closing ht.writes. Its senders never learn of that close in time; closedCh already tells
// everyone that the transport is done, and the writer loop exits on it.
//
// No bug: the same transport, writer loop and writers as grpc-close-send.ts, without the close.
// What simcc reports: nothing, in every schedule: a writer either hands its message to the writer
// loop or sees closedCh closed and returns ErrConnClosing.
// Buggy twin: grpc-close-send.ts
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

  async runWriter(): Promise<void> {
    for (;;) {
      const r = await select([this.writes.recvCase(), this.closedCh.recvCase()]);
      if (r.index === 1) return;
    }
  }

  async close(): Promise<void> {
    await this.closedCh.close(); // FIX: the only close; ht.writes stays open
  }
}

export default scenario('grpc 2695 fixed: only closedCh is closed', async () => {
  const ht = new ServerHandlerTransport();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    await ht.runWriter();
    await wg.done();
  }, 'writer-loop');
  go(async () => {
    await ht.do('status: OK');
    await wg.done();
  }, 'rpc');
  await ht.do('headers');
  await ht.close();
  await wg.wait();
});
