// Rust std, thread: a thread that panics, and `join().unwrap()` in main (seed 003, l.52–59 joins
// every thread this way; the seed notes §2.1: "h.join().unwrap() then re-panics in the joiner").
//
//   let h = thread::spawn(|| {
//       let port: u16 = "eighty".parse().unwrap();  // panics in the thread
//       port
//   });
//   let port = h.join().unwrap();                  // BUG: re-raises it in main
//
// The bug: join returns Err(the panic payload) when the thread panicked; unwrap makes main panic in
// turn, and the program dies on a bad config value.
// What simcc reports: panic, with the thread's own message and location (the parse in
// 'config-loader'), not the unwrap in main: a panic that reaches main through join().unwrap() is
// reported as it began.
// Fixed twin: join-unwrap-panic-fixed.ts
import { scenario, thread, panic } from 'simcc/rust';

export default scenario({ name: 'rust: join().unwrap() of a thread that panicked', expect: ['panic'] }, async () => {
  const h = thread.spawn(async () => {
    const input = 'eighty';
    const port = Number.parseInt(input, 10);
    if (Number.isNaN(port)) panic('called `Result::unwrap()` on an `Err` value: ParseIntError { kind: InvalidDigit }');
    return port;
  }, 'config-loader');

  const port = (await h.join()).unwrap(); // BUG
  void port;
});
