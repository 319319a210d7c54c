// Course ch13, a fix for closing twice (seed lines 3913–3921), without sync.Once: make one goroutine
// the owner of `done`, the only one that ever closes it. Stop() no longer closes anything; it asks the
// owner to stop with a non-blocking send on a channel of capacity 1 (a second request finds the slot
// taken and is dropped) and then waits for `done`.
//
// No bug: the same two concurrent Stop() calls as close-twice.ts.
// What simcc reports: nothing, in every schedule: `done` is closed exactly once, by its owner, and
// both callers see it closed.
// Buggy twin: close-twice.ts
import { scenario, go, Channel, select, WaitGroup } from 'simcc';

class Server {
  readonly done = new Channel<void>(0, { name: 'done' });
  private readonly quit = new Channel<void>(1, { name: 'quit' });

  constructor() {
    go(async () => {
      await this.quit.recv(); // serve until asked to stop
      await this.done.close(); // the one close, by the owner
    }, 'server');
  }

  async stop(): Promise<void> {
    await select([this.quit.sendCase()], { default: true }); // ask once; a second ask is dropped
    await this.done.recv();
  }
}

export default scenario('ch13: one owner closes done', async () => {
  const s = new Server();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    await s.stop(); // SIGTERM arrived
    await wg.done();
  }, 'signal-handler');
  await s.stop(); // main's own cleanup
  await wg.wait();
});
