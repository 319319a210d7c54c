// Rust std, Mutex: get_or_load of double-lock.ts with the lookup ended before the insert.
//
//   let cached = cache.lock().unwrap().get(k).cloned();   // FIX: the guard dies with this statement
//   match cached {
//       Some(v) => v,
//       None => { let v = load(k); cache.lock().unwrap().insert(k.to_string(), v.clone()); v }
//   }
//
// This is the fixed twin of double-lock.ts. Each `using` block is one of Rust's statements: its
// guard is dropped when the block ends. (Between the two locks another thread may load the same
// key; if that matters, do the whole lookup-and-insert under one guard with the entry API.)
// What simcc reports: nothing.
// Buggy twin: double-lock.ts
import { scenario, assert, Mutex } from 'simcc/rust';

export default scenario('rust: the lookup guard ends before the insert', async () => {
  const cache = new Mutex(new Map<string, string>(), { name: 'cache' });

  const getOrLoad = async (k: string) => {
    let cached: string | undefined;
    {
      using g = (await cache.lock()).unwrap(); // FIX: `let cached = cache.lock().unwrap().get(k).cloned();`
      cached = g.value.get(k);
    }
    if (cached !== undefined) return cached;
    const v = `value of ${k}`; // load(k)
    {
      using g = (await cache.lock()).unwrap();
      g.value.set(k, v);
    }
    return v;
  };

  assert((await getOrLoad('a')) === 'value of a', 'wrong value loaded');
  assert((await getOrLoad('a')) === 'value of a', 'wrong value cached');
});
