// tokio: a JoinSet dropped before `join_next` returned a task that panicked: the panic is lost (the
// set aborts its tasks on drop and nobody ever sees the JoinError).
//
//   let mut set = JoinSet::new();
//   set.spawn(async { parse(bad_input) });   // panics
//   sleep(10ms).await;
//   drop(set);                               // BUG: results never collected
//
// What simcc reports: panic (task panicked: …, its JoinSet was dropped before a joinNext returned it).
// Fixed twin: joinset-dropped-panic-fixed.ts
import { scenario, JoinSet, panic, sleep, drop } from 'simcc/tokio';

export default scenario({ name: 'tokio: a panic lost with its JoinSet', expect: ['panic'] }, async () => {
  const set = new JoinSet<number>({ name: 'parsers' });
  set.spawn(async () => 1, 'parse-good');
  set.spawn(async () => panic('invalid digit found in string'), 'parse-bad');
  await sleep(10);
  await drop(set); // BUG: the results are never collected
});
