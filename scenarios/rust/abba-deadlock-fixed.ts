// Rust std, Mutex: the transfer of abba-deadlock.ts with one global lock order: always the account
// with the smaller id first, whichever way the money goes.
//
//   fn transfer(from: &Account, to: &Account, amount: i64) {
//       let (first, second) = if from.id < to.id { (from, to) } else { (to, from) };
//       let mut g1 = first.balance.lock().unwrap();   // FIX: one order for everybody
//       let mut g2 = second.balance.lock().unwrap();
//       ...
//   }
//
// This is the fixed twin of abba-deadlock.ts: with one order, no thread can hold the second lock
// while it waits for the first, so there is no cycle to close.
// What simcc reports: nothing, on every schedule.
// Buggy twin: abba-deadlock.ts
import { scenario, thread, drop, assert, Mutex } from 'simcc/rust';

interface Account {
  id: number;
  balance: Mutex<number>;
}

export default scenario('rust: two accounts locked in one global order', async () => {
  const a: Account = { id: 1, balance: new Mutex(100, { name: 'account-a' }) };
  const b: Account = { id: 2, balance: new Mutex(100, { name: 'account-b' }) };

  const transfer = async (from: Account, to: Account, amount: number) => {
    const [first, second] = from.id < to.id ? [from, to] : [to, from]; // FIX
    const g1 = (await first.balance.lock()).unwrap();
    const g2 = (await second.balance.lock()).unwrap();
    const [f, t] = first === from ? [g1, g2] : [g2, g1];
    f.value -= amount;
    t.value += amount;
    await drop(g2);
    await drop(g1);
  };

  const t1 = thread.spawn(() => transfer(a, b, 10), 't1');
  const t2 = thread.spawn(() => transfer(b, a, 20), 't2');
  (await t1.join()).unwrap();
  (await t2.join()).unwrap();

  const ga = (await a.balance.lock()).unwrap();
  const gb = (await b.balance.lock()).unwrap();
  assert(ga.value === 110 && gb.value === 90, `balances ${ga.value} and ${gb.value}`);
});
