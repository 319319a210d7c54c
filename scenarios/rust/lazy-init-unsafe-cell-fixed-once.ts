// Rust std, Once: lazy initialisation of shared memory the pre-OnceLock way (what lazy_static! and
// once_cell did inside).
//
//   static INIT: Once = Once::new();
//   static mut CONFIG: Option<Config> = None;
//   fn config() -> &'static Config {
//       INIT.call_once(|| unsafe { CONFIG = Some(load_config()) });   // FIX
//       unsafe { CONFIG.as_ref().unwrap() }
//   }
//
// This is the second fixed twin of lazy-init-unsafe-cell.ts. call_once runs the closure once; every
// call_once returns after the closure has finished, and the closure's writes happen-before that
// return, so the later reads are ordered after the one write: no race.
// What simcc reports: nothing, on every schedule.
// Buggy twin: lazy-init-unsafe-cell.ts
import { scenario, thread, assert, Once, UnsafeCell } from 'simcc/rust';

interface Config {
  port: number;
}

export default scenario('rust: lazy init with Once::call_once', async () => {
  const INIT = new Once();
  const CONFIG = new UnsafeCell<Config | undefined>(undefined, 'CONFIG');

  const config = async (): Promise<Config> => {
    await INIT.callOnce(async () => {
      await CONFIG.set({ port: 8080 }); // FIX: load_config(), once
    });
    return (await CONFIG.get())!;
  };

  const handles = [0, 1].map((i) => thread.spawn(config, `caller-${i}`));
  const first = (await handles[0]!.join()).unwrap();
  const second = (await handles[1]!.join()).unwrap();
  assert(first === second, 'the config was built twice');
  assert((await INIT.isCompleted()) && first.port === 8080, 'the config is wrong');
});
