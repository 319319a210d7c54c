// Course ch13, the three channel panics (seed lines 3913–3921): `close of closed channel`, in its
// plainest form. Stop() closes the `done` channel; a deferred cleanup calls Stop() again after the
// first call has returned, so the two closes are ordered — no data race, just the panic.
//
// What simcc reports: close-of-closed-channel with Go's text `close of closed channel`, at the second
// close (the goroutine does not recover).
// Fixed twin: stop-twice-once.ts (Stop closes through a sync.Once)
import { scenario, Channel } from 'simcc';

export default scenario({ name: 'ch13: Stop called twice closes done twice', expect: ['close-of-closed-channel'] }, async () => {
  const done = new Channel<void>(0, { name: 'done' });
  const stop = () => done.close();
  await stop(); // the shutdown path
  await stop(); // the deferred cleanup, later, on the same goroutine
});
