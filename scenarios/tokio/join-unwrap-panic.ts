// tokio: `h.await.unwrap()` of a task that panicked.
//
//   let h = tokio::spawn(async { "eighty".parse::<u16>().unwrap() });
//   let port = h.await.unwrap();          // BUG: re-raises the task's panic in main
//
// The bug: a task's panic is caught by the runtime and handed to whoever awaits the JoinHandle as
// Err(JoinError::Panic); unwrap makes main panic in turn.
// What simcc reports: panic, with the task's own message and location (the parse in 'config-loader'),
// not the unwrap in main.
// Fixed twin: join-unwrap-panic-fixed.ts
import { scenario, spawn, panic } from 'simcc/tokio';

export default scenario({ name: 'tokio: join().unwrap() of a task that panicked', expect: ['panic'] }, async () => {
  const h = spawn(async () => {
    const port = Number.parseInt('eighty', 10);
    if (Number.isNaN(port)) panic('called `Result::unwrap()` on an `Err` value: ParseIntError { kind: InvalidDigit }');
    return port;
  }, 'config-loader');
  const port = (await h.join()).unwrap(); // BUG
  void port;
});
