// Course ch13, the three channel panics (seed lines 3913–3921): `close of closed channel`. The usual
// way to get there is two cleanup paths that both close a `done` channel, each guarded by a
// check-then-close that looks safe:
//   select { case <-s.done: /* already stopped */ default: close(s.done) }
//
// The bug: Stop() is called twice at once, by a signal handler and by main's own cleanup. Both can
// find `done` still open and both close it. The check and the close are two steps, not one.
// What simcc reports: `close-of-closed-channel` with Go's panic text, at the second close, whether or
// not the two closes are ordered (Go's closechan panics before it records a close for the race
// detector, so `go test -race` shows the panic too, not a race).
// Fixed twin: close-twice-fixed.ts (one owner closes; no sync.Once needed)
import { scenario, go, Channel, select, WaitGroup } from 'simcc';

class Server {
  readonly done = new Channel<void>(0, { name: 'done' });

  async stop(): Promise<void> {
    const r = await select([this.done.recvCase()], { default: true });
    if (r.index === 0) return; // already stopped
    await this.done.close(); // BUG: another Stop may have passed the same check
  }
}

export default scenario({ name: 'ch13: two Stops both close done', expect: ['close-of-closed-channel'] }, async () => {
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
