// Course ch17, SingleFlight's Forget (seed lines 5150–5155, 5214): after Forget(key), later calls
// for that key run fn again instead of waiting for the unfinished earlier one. Current x/sync also
// makes sure the old flight, when it ends, does not remove the new flight's entry (the extract's
// "[beyond course]" note).
//
// A correct program showing the semantics: a slow load of 'config' is in flight when an
// invalidation arrives, and the code forgets the key so that the next request does not get the
// stale in-flight result.
// What simcc reports: nothing. Two loads run: the first request gets the old value, the request
// after Forget runs fn again and gets the fresh one.
import { scenario, go, assert, Channel, WaitGroup, SingleFlight, AtomicInt } from 'simcc';

export default scenario('ch17: Forget starts a new flight for the key', async () => {
  const group = new SingleFlight({ name: 'configGroup' });
  const loads = new AtomicInt(0, 'loads');
  const inFlight = new Channel<void>(0, { name: 'inFlight' });
  const oldReply = new Channel<string>(0, { name: 'oldReply' });
  const newReply = new Channel<string>(0, { name: 'newReply' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);

  go(async () => {
    const { value } = await group.do('config', async () => {
      await loads.add(1);
      await inFlight.send();
      return (await oldReply.recv())!;
    });
    assert(value === 'v1');
    await wg.done();
  }, 'first-request');
  await inFlight.recv(); // the first load is in flight

  await group.forget('config'); // invalidated: do not hand the old result to new requests
  go(async () => {
    const { value, shared } = await group.do('config', async () => {
      await loads.add(1);
      await inFlight.send();
      return (await newReply.recv())!;
    });
    assert(value === 'v2' && !shared, `got ${value}`);
    await wg.done();
  }, 'after-forget');
  await inFlight.recv(); // a second load runs although the first has not ended

  await oldReply.send('v1');
  await newReply.send('v2');
  await wg.wait();
  assert((await loads.load()) === 2);
});
