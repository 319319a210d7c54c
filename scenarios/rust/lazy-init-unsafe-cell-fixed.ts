// Rust std, OnceLock (stable since Rust 1.70): lazy initialisation without `unsafe`.
//
//   static CONFIG: OnceLock<Config> = OnceLock::new();
//   fn config() -> &'static Config { CONFIG.get_or_init(load_config) }   // FIX
//
// This is the fixed twin of lazy-init-unsafe-cell.ts. get_or_init runs the initialiser once; a
// caller that finds it running waits for it, and every caller's return happens-after the
// initialisation, so all of them get the same, fully built value.
// What simcc reports: nothing, on every schedule; both callers get the same Config object.
// Buggy twin: lazy-init-unsafe-cell.ts
import { scenario, thread, assert, OnceLock } from 'simcc/rust';

interface Config {
  port: number;
}

export default scenario('rust: lazy init with OnceLock::get_or_init', async () => {
  const CONFIG = new OnceLock<Config>();

  const config = () => CONFIG.getOrInit(() => ({ port: 8080 })); // FIX: load_config()

  const handles = [0, 1].map((i) => thread.spawn(config, `caller-${i}`));
  const first = (await handles[0]!.join()).unwrap();
  const second = (await handles[1]!.join()).unwrap();
  assert(first === second, 'the config was built twice');
  assert(first.port === 8080, 'the config is wrong');
});
