// tokio: joinset-dropped-panic.ts collecting every result with `join_next`: the panic comes back as a
// `JoinError` whose `is_panic()` is true, which the caller handles; observed, it is no finding.
//
//   while let Some(r) = set.join_next().await { match r { Ok(v) => …, Err(e) if e.is_panic() => failed += 1, … } }
//
// What simcc reports: nothing.
// Buggy twin: joinset-dropped-panic.ts
import { scenario, JoinSet, panic, sleep, assert } from 'simcc/tokio';

export default scenario('tokio: a JoinSet whose results are all collected', async () => {
  const set = new JoinSet<number>({ name: 'parsers' });
  set.spawn(async () => 1, 'parse-good');
  set.spawn(async () => panic('invalid digit found in string'), 'parse-bad');
  await sleep(10);
  let ok = 0;
  let failed = 0;
  for (let r = await set.joinNext(); r !== undefined; r = await set.joinNext()) {
    if (r.isOk()) ok += r.value;
    else if (r.error.isPanic()) failed++;
  }
  assert(ok === 1 && failed === 1, `ok ${ok}, failed ${failed}`);
});
