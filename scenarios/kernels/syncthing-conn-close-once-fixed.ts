// syncthing's rawConnection.Close with the fix: the close runs under a sync.Once (closeOnce), so the
// idle timer's callback and the user's Close cannot both close `closed`.
//
// No bug.
// Buggy twin: syncthing-conn-close-twice.ts
import { scenario, sleep, afterFunc, Channel, Once, type FuncTimer } from 'simcc';

const RECEIVE_TIMEOUT = 30;

class RawConnection {
  readonly closed = new Channel<void>(0, { name: 'c.closed' });
  readonly closeErrs = new Channel<string>(2, { name: 'c.closeErrs' });
  readonly closeOnce = new Once('c.closeOnce');
  readonly idle: FuncTimer;

  constructor() {
    this.idle = afterFunc(RECEIVE_TIMEOUT, () => this.close('read timeout'));
  }

  async close(reason: string): Promise<void> {
    await this.closeOnce.do(async () => {
      // FIX
      await this.closed.close();
      await this.idle.stop();
      await this.closeErrs.send(reason);
    });
  }
}

export default scenario('syncthing fixed: rawConnection closes once', async () => {
  const c = new RawConnection();
  await sleep(RECEIVE_TIMEOUT); // the model finishes its index exchange just as the peer goes quiet
  await c.close('user close');
});
