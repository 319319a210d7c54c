// Kernel of a recursive sync.Once (the lazily initialised singleton whose initialiser, through a
// helper, asks for the singleton again; seen e.g. in loggers that read their config lazily while the
// config's loader logs):
//   var cfgOnce sync.Once
//   func Config() *config { cfgOnce.Do(loadConfig); return cfg }
//   func loadConfig() {
//       cfg = parse()
//       logf("config loaded")        // BUG: logf calls Config() to learn the log level
//   }
//
// The bug: Once.Do holds the Once's mutex while f runs; the nested Do finds done == 0 and waits for
// that mutex, held by its own goroutine (Go: fatal error: all goroutines are asleep - deadlock!).
// Expected finding: deadlock (or double-lock).
// Fixed twin: once-recursive-do-fixed.ts
import { scenario, go, Once, Channel } from 'simcc';

interface Config {
  logLevel: string;
}

export default scenario({ name: 'Once: initialiser calls back into the same Once', expect: ['deadlock', 'double-lock'] }, async () => {
  const cfgOnce = new Once('cfgOnce');
  let cfg: Config | null = null;

  async function config(): Promise<Config | null> {
    await cfgOnce.do(loadConfig);
    return cfg;
  }
  async function logf(msg: string): Promise<void> {
    const c = await config(); // BUG: re-enters cfgOnce.Do
    void c?.logLevel;
    void msg;
  }
  async function loadConfig(): Promise<void> {
    cfg = { logLevel: 'info' };
    await logf('config loaded');
  }

  const served = new Channel<void>(0, { name: 'served' });
  go(async () => {
    await config();
    await served.close();
  }, 'server');
  await served.recv();
});
