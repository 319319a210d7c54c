// Course ch13, goroutine leak from a real project (seed lines 3924–3944; leak catalogue L1): process()
// starts a worker that sends its result on an unbuffered channel, then waits with
// `select { case result := <-ch: …; case <-time.After(timeout): return false }`.
//
// The bug: the work takes longer than the timeout (timeout + 1 s). After the timeout nobody will
// ever receive from `ch`, so the worker blocks in `ch <- true` forever.
// What simcc reports: leak, in almost every schedule. After main returns simcc lets the worker's sleep
// end (virtual time goes on for the goroutines left) and the worker then blocks in its send; the
// report names the channel and says that nobody alive can reach its other end (main, which made it,
// has finished). Only a schedule that stalls main for two seconds before it starts waiting lets the
// result win.
// Fixed twin: timeout-leak-buffered-fix.ts (`make(chan bool, 1)`)
import { scenario, go, sleep, after, Channel, select } from 'simcc';

async function process(timeout: number): Promise<boolean> {
  const ch = new Channel<boolean>(0, { name: 'ch' }); // BUG: unbuffered
  go(async () => {
    await sleep(timeout + 1000); // the work
    await ch.send(true); // blocks forever once process() has given up
  }, 'worker');
  const r = await select([ch.recvCase(), after(timeout).recvCase()]);
  return r.index === 0 ? (r.value as boolean) : false;
}

export default scenario({ name: 'ch13: a timeout leaves the worker blocked on an unbuffered send', expect: ['leak'] }, async () => {
  await process(1000);
});
