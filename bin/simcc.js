#!/usr/bin/env node
// simcc's command. Everything, the exit status included, is done by the compiled CLI (npm run build).
// `run` and `replay` start their worker thread first (dist/harness/warm-worker.js): it loads simcc's
// modules while this thread loads the command line and compiles the scenario.
const command = process.argv[2];
if (command === 'run' || command === 'replay') {
  try {
    (await import('../dist/harness/warm-worker.js')).prewarm();
  } catch {
    // Not built, or no worker could start: the command reports the first and starts its own for the second.
  }
}
try {
  await import('../dist/cli/main.js');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('main.js')) throw err;
  process.stderr.write('error: simcc is not built: run `npm run build` in its folder\n');
  process.exitCode = 2;
}
