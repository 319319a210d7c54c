// Rust std, Mutex poisoning (pitfall P7 of the seed notes; seed 003, l.106 and l.510: "if the thread
// holding the lock panics, later lock() calls return Err"). A job panics half-way through an update
// of a ledger, and the service carries on.
//
//   let ledger = Arc::new(Mutex::new(Ledger { balance: 100, withdrawals: vec![] }));
//   let l2 = Arc::clone(&ledger);
//   thread::spawn(move || {
//       let _ = panic::catch_unwind(AssertUnwindSafe(|| {   // a worker pool survives a failed job
//           let mut l = l2.lock().unwrap();
//           l.balance -= 30;
//           let fee: i64 = "n/a".parse().unwrap();            // panics with the guard alive
//           l.withdrawals.push(30 + fee);
//       }));
//   }).join().unwrap();
//   let l = ledger.lock().unwrap();                           // BUG: Err(PoisonError) → panic
//
// The bug: the panic unwound through the critical section; dropping the guard while unwinding
// poisoned the Mutex ("the data may be inconsistent", and it is: the balance moved, the list did
// not). Every later `lock().unwrap()` panics, a cascade from one failed job.
// What simcc reports: poisoned-lock in main, at its lock().unwrap(), naming the panic that poisoned
// Mutex 'ledger' (the parse in 'job').
// Fixed twins: poisoned-lock-fixed-into-inner.ts, poisoned-lock-fixed-clear-poison.ts
import { scenario, thread, panic, catchUnwind, Mutex } from 'simcc/rust';

export default scenario({ name: 'rust: lock().unwrap() of a poisoned Mutex', expect: ['poisoned-lock'] }, async () => {
  const ledger = new Mutex({ balance: 100, withdrawals: [] as number[] }, { name: 'ledger' });

  const job = thread.spawn(async () => {
    await catchUnwind(async () => {
      const l = (await ledger.lock()).unwrap();
      l.value.balance -= 30;
      panic('called `Result::unwrap()` on an `Err` value: ParseIntError { kind: InvalidDigit }'); // "n/a".parse()
    });
  }, 'job');
  (await job.join()).unwrap();

  const l = (await ledger.lock()).unwrap(); // BUG: the Mutex is poisoned
  void l.value.balance;
});
