// Course ch13, the fix of the timeout leak (seed line 3944): give the result channel a buffer of one,
// `make(chan bool, 1)`, so the late send completes into the buffer and the worker exits.
//
// No bug: the same process() as timeout-leak.ts; only the channel's capacity differs.
// What simcc reports: nothing. main returns false at the timeout (or true, in the schedules where
// main stalls for longer than the work before it starts waiting: virtual time lets a machine stall);
// after it, the worker's sleep ends, its send goes into the buffer, and it finishes, so no goroutine
// is left.
// Buggy twin: timeout-leak.ts
import { scenario, go, sleep, after, Channel, select } from 'simcc';

async function process(timeout: number): Promise<boolean> {
  const ch = new Channel<boolean>(1, { name: 'ch' }); // FIX: room for the late result
  go(async () => {
    await sleep(timeout + 1000); // the work
    await ch.send(true); // never blocks
  }, 'worker');
  const r = await select([ch.recvCase(), after(timeout).recvCase()]);
  return r.index === 0 ? (r.value as boolean) : false;
}

export default scenario('ch13: a buffered result channel lets the late worker exit', async () => {
  await process(1000);
});
