// Rust std, thread: the config loader of join-unwrap-panic.ts, with the failure handled instead of
// unwrapped.
//
//   let h = thread::spawn(|| panic::catch_unwind(|| load_port("eighty")));
//   let port = match h.join().unwrap() {
//       Ok(port) => port,
//       Err(_) => { eprintln!("bad port, using 8080"); 8080 }   // FIX: handle the Err
//   };
//
// This is the fixed twin of join-unwrap-panic.ts. As in loom and shuttle, a thread that ends by
// panicking fails the run in simcc whether or not anyone joins it, so the panic is caught where it
// happens, with catch_unwind, and the Err it gives is the one that is handled: the same
// `Result<T, panic payload>` that join would have returned.
// What simcc reports: nothing; main falls back to 8080.
// Buggy twin: join-unwrap-panic.ts
import { scenario, thread, panic, assert, catchUnwind } from 'simcc/rust';

export default scenario('rust: a panicking config loader handled', async () => {
  const h = thread.spawn(() =>
    catchUnwind(async () => {
      const input = 'eighty';
      const port = Number.parseInt(input, 10);
      if (Number.isNaN(port)) panic('called `Result::unwrap()` on an `Err` value: ParseIntError { kind: InvalidDigit }');
      return port;
    }), 'config-loader');

  const loaded = (await h.join()).unwrap();
  const port = loaded.isOk() ? loaded.unwrap() : 8080; // FIX: eprintln!("bad port, using 8080")
  assert(port === 8080, `port ${port}`);
});
