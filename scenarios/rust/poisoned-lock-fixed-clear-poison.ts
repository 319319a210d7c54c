// Rust std, Mutex poisoning, recovered and cleared (Mutex::clear_poison, stable since Rust 1.77), so
// that the rest of the program may keep its plain lock().unwrap().
//
//   let mut l = match ledger.lock() {
//       Ok(l) => l,
//       Err(poisoned) => {
//           let mut l = poisoned.into_inner();
//           l.balance = 100 - l.withdrawals.iter().sum::<i64>();   // repair first...
//           ledger.clear_poison();                                  // ...then say so  // FIX
//           l
//       }
//   };
//   drop(l);
//   thread::spawn(move || { l3.lock().unwrap().withdrawals.push(10); }).join().unwrap();   // fine now
//
// This is a fixed twin of poisoned-lock.ts. After clear_poison, a later lock() is Ok again: the next
// job's unwrap does not panic.
// What simcc reports: nothing, on every schedule.
// Buggy twin: poisoned-lock.ts
import { scenario, thread, drop, panic, assert, catchUnwind, Mutex } from 'simcc/rust';

export default scenario('rust: a poisoned Mutex repaired and cleared', async () => {
  const ledger = new Mutex({ balance: 100, withdrawals: [] as number[] }, { name: 'ledger' });

  const job = thread.spawn(async () => {
    await catchUnwind(async () => {
      const l = (await ledger.lock()).unwrap();
      l.value.balance -= 30;
      panic('called `Result::unwrap()` on an `Err` value: ParseIntError { kind: InvalidDigit }');
    });
  }, 'job');
  (await job.join()).unwrap();

  const r = await ledger.lock();
  if (r.isOk()) {
    await drop(r.unwrap());
  } else {
    const l = r.unwrapErr().intoInner();
    l.value.balance = 100 - l.value.withdrawals.reduce((a, b) => a + b, 0);
    await ledger.clearPoison(); // FIX
    await drop(l);
  }

  const next = thread.spawn(async () => {
    const l = (await ledger.lock()).unwrap(); // Ok again
    l.value.balance -= 10;
    l.value.withdrawals.push(10);
    await drop(l);
  }, 'next-job');
  (await next.join()).unwrap();

  const l = (await ledger.lock()).unwrap();
  assert(l.value.balance === 90, `balance ${l.value.balance}`);
});
