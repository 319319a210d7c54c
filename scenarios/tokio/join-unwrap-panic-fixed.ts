// tokio: the config loader of join-unwrap-panic.ts, its JoinError handled.
//
//   let port = match h.await {
//       Ok(port) => port,
//       Err(e) if e.is_panic() => 8080,     // FIX: a panic observed by the join is handled
//       Err(e) => return Err(e.into()),
//   };
//
// A task's panic that its join observes is not a failure of the program (tokio catches it).
// What simcc reports: nothing; main falls back to 8080.
// Buggy twin: join-unwrap-panic.ts
import { scenario, spawn, panic, assert } from 'simcc/tokio';

export default scenario('tokio: a panicking task handled by its join', async () => {
  const h = spawn(async () => {
    const port = Number.parseInt('eighty', 10);
    if (Number.isNaN(port)) panic('called `Result::unwrap()` on an `Err` value: ParseIntError { kind: InvalidDigit }');
    return port;
  }, 'config-loader');
  const r = await h.join();
  const port = r.isOk() ? r.value : r.error.isPanic() ? 8080 : 0; // FIX
  assert(port === 8080, `port ${port}`);
});
