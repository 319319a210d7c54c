// Rust std, Mutex poisoning, recovered as seed 003 (l.510) suggests: "lock().unwrap_or_else(|e|
// e.into_inner()) continues, but you must evaluate consistency".
//
//   let mut l = ledger.lock().unwrap_or_else(|poisoned| poisoned.into_inner());   // FIX
//   // a job died inside: rebuild the balance from what was recorded
//   l.balance = 100 - l.withdrawals.iter().sum::<i64>();
//
// This is a fixed twin of poisoned-lock.ts. PoisonError::into_inner hands out the guard anyway; the
// code that takes it is the code that decides what a consistent ledger is. The Mutex stays poisoned
// (see poisoned-lock-fixed-clear-poison.ts for clearing it).
// What simcc reports: nothing, on every schedule.
// Buggy twin: poisoned-lock.ts
import { scenario, thread, panic, assert, catchUnwind, Mutex } from 'simcc/rust';

export default scenario('rust: a poisoned Mutex recovered with into_inner', async () => {
  const ledger = new Mutex({ balance: 100, withdrawals: [] as number[] }, { name: 'ledger' });

  const job = thread.spawn(async () => {
    await catchUnwind(async () => {
      const l = (await ledger.lock()).unwrap();
      l.value.balance -= 30;
      panic('called `Result::unwrap()` on an `Err` value: ParseIntError { kind: InvalidDigit }');
    });
  }, 'job');
  (await job.join()).unwrap();

  const l = (await ledger.lock()).unwrapOrElse((poisoned) => poisoned.intoInner()); // FIX
  l.value.balance = 100 - l.value.withdrawals.reduce((a, b) => a + b, 0); // repair from the record
  assert(l.value.balance === 100, `balance ${l.value.balance}`);
});
