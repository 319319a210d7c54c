// Rust std, Mutex: locking a std Mutex the thread already holds (pitfall P21 of the seed notes),
// through the Rust trap that makes it easy: the temporary guard in a `match` scrutinee lives until
// the end of the whole `match`.
//
//   fn get_or_load(cache: &Mutex<HashMap<String, String>>, k: &str) -> String {
//       match cache.lock().unwrap().get(k) {          // this guard lives to the closing brace
//           Some(v) => v.clone(),
//           None => {
//               let v = load(k);
//               cache.lock().unwrap().insert(k.to_string(), v.clone());   // BUG: locked already
//               v
//           }
//       }
//   }
//
// The bug: std's Mutex is not re-entrant; locking it again from the holding thread "might panic or
// deadlock" (std's docs), and in practice it hangs for good.
// What simcc reports: double-lock: main locks Mutex 'cache' that it holds since the match's
// lock(), with both places named.
// Fixed twin: double-lock-fixed.ts
import { scenario, drop, Mutex } from 'simcc/rust';

export default scenario({ name: "rust: a match scrutinee's guard is alive in its arms", expect: ['double-lock'] }, async () => {
  const cache = new Mutex(new Map<string, string>(), { name: 'cache' });

  const getOrLoad = async (k: string) => {
    const scrutinee = (await cache.lock()).unwrap(); // `match cache.lock().unwrap().get(k)`
    const hit = scrutinee.value.get(k);
    if (hit !== undefined) {
      await drop(scrutinee);
      return hit;
    }
    const v = `value of ${k}`; // load(k)
    const again = (await cache.lock()).unwrap(); // BUG: the scrutinee's guard is still alive
    again.value.set(k, v);
    await drop(again);
    await drop(scrutinee); // the end of the match
    return v;
  };

  await getOrLoad('a');
});
