// The tokio flavour's fixed cost for bench/tokio.js: start-up, compile and one tiny execution, with the
// tokio modules loaded (they are not loaded for a Go scenario such as bench/tiny.ts).
import { scenario, spawn } from 'simcc/tokio';

export default scenario('bench: tiny tokio', async () => {
  const h = spawn(async () => 1, 'w');
  (await h.join()).unwrap();
});
