// tokio: two tasks moving money between two accounts, each behind a tokio Mutex, locking them in
// opposite orders with an await (a ledger write) in between.
//
//   let from = a.lock().await;
//   ledger.write(..).await;
//   let to = b.lock().await;              // BUG: the other transfer locks b, then a
//
// The bug: each task holds one lock and waits for the other's; tokio's async Mutex does not help:
// the tasks wait forever (no thread is blocked, the runtime just never wakes them).
// What simcc reports: lock-order-inversion (a→b and b→a), or the deadlock itself when the schedule
// reaches it first.
// Fixed twin: mutex-lock-order-fixed.ts
import { scenario, spawn, sleep, drop, Mutex } from 'simcc/tokio';

export default scenario({ name: 'tokio: two Mutexes locked in opposite orders', expect: ['deadlock', 'lock-order-inversion'] }, async () => {
  const a = new Mutex(100, { name: 'account-a' });
  const b = new Mutex(100, { name: 'account-b' });
  const transfer = (from: Mutex<number>, to: Mutex<number>, n: number) => async () => {
    const f = await from.lock();
    await sleep(1); // ledger.write()
    const t = await to.lock(); // BUG: the lock order depends on the direction
    f.value -= n;
    t.value += n;
    await drop(t);
    await drop(f);
  };
  const x = spawn(transfer(a, b, 10), 'a-to-b');
  const y = spawn(transfer(b, a, 20), 'b-to-a');
  (await x.join()).unwrap();
  (await y.join()).unwrap();
});
