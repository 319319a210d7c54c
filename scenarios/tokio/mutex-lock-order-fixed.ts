// tokio: the transfers of mutex-lock-order.ts locking the two accounts in one global order.
//
//   let (first, second) = if a.id < b.id { (a, b) } else { (b, a) };   // FIX: one order for all
//
// What simcc reports: nothing.
// Buggy twin: mutex-lock-order.ts
import { scenario, spawn, sleep, drop, Mutex, assert } from 'simcc/tokio';

export default scenario('tokio: two Mutexes locked in one order', async () => {
  const a = new Mutex(100, { name: 'account-a' });
  const b = new Mutex(100, { name: 'account-b' });
  const order = (m: Mutex<number>) => (m === a ? 0 : 1);
  const transfer = (from: Mutex<number>, to: Mutex<number>, n: number) => async () => {
    const [first, second] = order(from) < order(to) ? [from, to] : [to, from]; // FIX
    const g1 = await first.lock();
    await sleep(1); // ledger.write()
    const g2 = await second.lock();
    const [f, t] = first === from ? [g1, g2] : [g2, g1];
    f.value -= n;
    t.value += n;
    await drop(g2);
    await drop(g1);
  };
  const x = spawn(transfer(a, b, 10), 'a-to-b');
  const y = spawn(transfer(b, a, 20), 'b-to-a');
  (await x.join()).unwrap();
  (await y.join()).unwrap();
  const ga = await a.lock();
  const gb = await b.lock();
  assert(ga.value + gb.value === 200, 'money was created or lost');
});
