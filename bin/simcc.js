#!/usr/bin/env node
// simcc's command. Everything, the exit status included, is done by the compiled CLI (npm run build).
// `run`, `replay` and `explore` start their first worker thread at once (dist/harness/warm-worker.js): it
// loads simcc's modules while this thread loads the command line and compiles the scenario.
const command = process.argv[2];
if (command === 'run' || command === 'replay' || command === 'explore') {
  try {
    const warm = await import('../dist/harness/warm-worker.js');
    warm.prewarm(command === 'explore' ? warm.EXPLORE_WORKER_URL : warm.RUN_WORKER_URL);
  } catch {
    // Not built (the command says so below), or no worker could start (the command starts its own).
  }
}
try {
  await import('../dist/cli/main.js');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('main.js')) throw err;
  process.stderr.write('error: simcc is not built: run `npm run build` in its folder\n');
  process.exitCode = 2;
}
