// Course ch13, the three channel panics (seed lines 3913–3921): `send on closed channel`. A result
// collector closes `results` when it thinks the work is over, and a retry goroutine started after
// that (so ordered after the close: no race) still delivers a late result on it.
//
// What simcc reports: send-on-closed-channel with Go's text `send on closed channel`, in the retry
// goroutine.
// Fixed twin: send-before-close.ts (every sender is waited for before the close)
import { scenario, go, Channel } from 'simcc';

export default scenario({ name: 'ch13: a late retry sends on the closed results channel', expect: ['send-on-closed-channel'] }, async () => {
  const results = new Channel<string>(4, { name: 'results' });
  await results.send('first try');
  await results.close(); // BUG: a retry may still be on its way
  go(async () => {
    await results.send('retried'); // panics: send on closed channel
  }, 'retry');
  for await (const r of results) void r;
});
