// Course ch13, close (seed line 3982, and the table of §13.4): buffered values stay readable after
// close; receivers drain them first and only then get the zero value with ok == false.
//
// No bug: a producer sends three values into a channel of capacity 3 and closes it before anyone
// reads. The consumer then receives 1, 2, 3, and after that (undefined, false); a `for await` over
// the closed, drained channel ends at once.
// What simcc reports: nothing, in every schedule. The close happens-before the receive that sees it,
// so the consumer's read of `total` after the loop is ordered after the producer's write.
import { scenario, go, shared, assert, Channel } from 'simcc';

export default scenario('ch13: a closed channel is drained before it reports closed', async () => {
  const ch = new Channel<number>(3, { name: 'ch' });
  const total = shared('total', 0);
  const produced = new Channel<void>(0, { name: 'produced' });
  go(async () => {
    for (const v of [1, 2, 3]) await ch.send(v);
    await total.write(3);
    await ch.close();
    await produced.send();
  }, 'producer');
  await produced.recv();
  assert((await ch.len()) === 3, 'the buffer holds all three values');
  const got: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { value, ok } = await ch.recvOk();
    assert(ok, 'a buffered value was lost at close');
    got.push(value!);
  }
  const after = await ch.recvOk();
  assert(after.value === undefined && after.ok === false, 'a drained closed channel gives (zero, false)');
  for await (const v of ch) assert(false, `ranging over a drained closed channel gave ${v}`);
  assert(got.join(',') === '1,2,3' && (await total.read()) === got.length);
});
