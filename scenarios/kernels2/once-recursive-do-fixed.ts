// The recursive sync.Once, fixed: the loader logs through a logger that does not depend on Config()
// (it is handed the level it just parsed).
//   func loadConfig() { cfg = parse(); logWithLevel(cfg.logLevel, "config loaded") }
// No bug.
// Buggy twin: once-recursive-do.ts
import { scenario, go, Once, Channel } from 'simcc';

interface Config {
  logLevel: string;
}

export default scenario('Once: initialiser does not re-enter its Once', async () => {
  const cfgOnce = new Once('cfgOnce');
  let cfg: Config | null = null;

  async function config(): Promise<Config | null> {
    await cfgOnce.do(loadConfig);
    return cfg;
  }
  async function logWithLevel(level: string, msg: string): Promise<void> {
    void level;
    void msg;
  }
  async function loadConfig(): Promise<void> {
    cfg = { logLevel: 'info' };
    await logWithLevel(cfg.logLevel, 'config loaded'); // FIX
  }

  const served = new Channel<void>(0, { name: 'served' });
  go(async () => {
    await config();
    await served.close();
  }, 'server');
  await config();
  await served.recv();
});
