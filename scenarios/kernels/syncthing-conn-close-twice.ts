// Kernel of syncthing's protocol.rawConnection.Close "panic: close of closed channel" (the
// check-then-close that syncthing replaced with a closeOnce sync.Once): a connection is closed both
// by its user and by its receive-timeout timer, and Close guards the close with a select:
//   func (c *rawConnection) Close(err error) {
//       select {
//       case <-c.closed:
//           return
//       default:
//           close(c.closed)          // BUG: two callers can both get here
//       }
//       ...
//   }
//
// The bug: the idle timer's callback and the user's Close both see `closed` still open, and the
// second close panics.
// Expected finding: close-of-closed-channel (Go's runtime panics before its race annotation, so
// `go test -race` reports only the panic, and so does simcc).
// Fixed twin: syncthing-conn-close-once-fixed.ts
import { scenario, sleep, select, afterFunc, Channel, type FuncTimer } from 'simcc';

const RECEIVE_TIMEOUT = 30;

class RawConnection {
  readonly closed = new Channel<void>(0, { name: 'c.closed' });
  readonly closeErrs = new Channel<string>(2, { name: 'c.closeErrs' });
  readonly idle: FuncTimer;

  constructor() {
    this.idle = afterFunc(RECEIVE_TIMEOUT, () => this.close('read timeout'));
  }

  async close(reason: string): Promise<void> {
    const r = await select([this.closed.recvCase()], { default: true });
    if (r.index === 0) return;
    await this.closed.close(); // BUG: not atomic with the check above
    await this.idle.stop();
    await this.closeErrs.send(reason);
  }
}

export default scenario({ name: 'syncthing: rawConnection closed twice by timer and user', expect: ['close-of-closed-channel'] }, async () => {
  const c = new RawConnection();
  await sleep(RECEIVE_TIMEOUT); // the model finishes its index exchange just as the peer goes quiet
  await c.close('user close');
});
