// Rust, lazy initialisation by check-then-set on shared memory, the way it is written before
// OnceLock (and the reason for the `unsafe` it takes):
//
//   static mut CONFIG: Option<Config> = None;
//   fn config() -> &'static Config {
//       unsafe {
//           if CONFIG.is_none() { CONFIG = Some(load_config()); }   // BUG: check, then set
//           CONFIG.as_ref().unwrap()
//       }
//   }
//   // two threads call config()
//
// The bug: two threads may both see None and both initialise, and, whatever the timing, the check
// of one thread and the set of the other are unordered accesses to the same memory: a data race.
// What simcc reports: data-race on UnsafeCell 'CONFIG' between one thread's check (or read) and the
// other's set.
// Fixed twins: lazy-init-unsafe-cell-fixed.ts (OnceLock), lazy-init-unsafe-cell-fixed-once.ts (Once)
import { scenario, thread, UnsafeCell } from 'simcc/rust';

interface Config {
  port: number;
}

export default scenario({ name: 'rust: lazy init by check-then-set on an UnsafeCell', expect: ['data-race'] }, async () => {
  const CONFIG = new UnsafeCell<Config | undefined>(undefined, 'CONFIG');

  const config = async (): Promise<Config> => {
    if ((await CONFIG.get()) === undefined) await CONFIG.set({ port: 8080 }); // BUG: load_config()
    return (await CONFIG.get())!;
  };

  const handles = [0, 1].map((i) => thread.spawn(config, `caller-${i}`));
  for (const h of handles) (await h.join()).unwrap();
});
