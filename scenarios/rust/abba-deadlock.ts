// Rust std, Mutex: the classic two-lock deadlock (pitfall P1 of the seed notes; seed 001's "two
// threads each try to acquire a resource the other holds"; loom's tests/deadlock.rs), as a transfer
// between two accounts that locks the source first.
//
//   fn transfer(from: &Mutex<i64>, to: &Mutex<i64>, amount: i64) {
//       let mut f = from.lock().unwrap();
//       let mut t = to.lock().unwrap();    // BUG: the two threads lock in opposite orders
//       *f -= amount; *t += amount;
//   }
//   let t1 = thread::spawn(move || transfer(&a, &b, 10));
//   let t2 = thread::spawn(move || transfer(&b, &a, 20));
//
// The bug: t1 holds `a` and waits for `b`; t2 holds `b` and waits for `a`.
// What simcc reports: deadlock, on the schedules where both first locks come before either second
// one (main is blocked in join, so every thread is blocked). On the other schedules nothing hangs,
// but the opposite orders were taken all the same: lock-order-inversion, naming where each order
// was taken. Whichever comes first ends the execution, so both kinds are expected.
// Fixed twin: abba-deadlock-fixed.ts
import { scenario, thread, drop, assert, Mutex } from 'simcc/rust';

export default scenario({ name: 'rust: two accounts locked in opposite orders', expect: ['deadlock', 'lock-order-inversion'] }, async () => {
  const a = new Mutex(100, { name: 'account-a' });
  const b = new Mutex(100, { name: 'account-b' });

  const transfer = async (from: Mutex<number>, to: Mutex<number>, amount: number) => {
    const f = (await from.lock()).unwrap();
    const t = (await to.lock()).unwrap(); // BUG: lock order follows the call, not the accounts
    f.value -= amount;
    t.value += amount;
    await drop(t);
    await drop(f);
  };

  const t1 = thread.spawn(() => transfer(a, b, 10), 't1');
  const t2 = thread.spawn(() => transfer(b, a, 20), 't2');
  (await t1.join()).unwrap();
  (await t2.join()).unwrap();

  const ga = (await a.lock()).unwrap();
  const gb = (await b.lock()).unwrap();
  assert(ga.value + gb.value === 200, 'money was created or lost');
});
