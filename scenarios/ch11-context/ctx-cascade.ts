// Course ch11, the thought question (seed line 3351): build a cascade with WithCancel and WithValue
// and check that the children are canceled as soon as the parent is. Cancellation flows down the tree
// only (seed line 3276), through value contexts to the nearest cancelable ancestor.
//
// No bug: parent → WithValue(request id) → WithCancel → two grandchildren goroutines that wait on
// their own context. Canceling a sibling first touches nobody else; canceling the parent stops both
// grandchildren, which see `context canceled` and still find the request id.
// What simcc reports: nothing, in every schedule (and no race: the close of each done() carries the
// canceller's clock to whoever receives from it).
import { scenario, go, shared, assert, context, WaitGroup } from 'simcc';

export default scenario('ch11: canceling a parent cancels the whole subtree', async () => {
  const [parent, cancelParent] = context.withCancel(context.background());
  const withID = context.withValue(parent, 'request-id', 'r-42');
  const [child, cancelChild] = context.withCancel(withID);
  const [sibling, cancelSibling] = context.withCancel(parent);
  const reason = shared('reason', 'running');

  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    const [grandchild, cancelGrandchild] = context.withCancel(child);
    go(async () => {
      await grandchild.done().recv();
      assert(grandchild.err() === context.Canceled && grandchild.value('request-id') === 'r-42');
      await reason.read(); // written before the cancel: ordered by the close of done()
      await cancelGrandchild();
      await wg.done();
    }, `grandchild-${i}`);
  }

  await cancelSibling();
  assert(parent.err() === null && child.err() === null, 'a sibling took the others down');
  await reason.write('shutdown');
  await cancelParent();
  assert(child.err() === context.Canceled && sibling.err() === context.Canceled);
  await wg.wait();
  await cancelChild();
});
