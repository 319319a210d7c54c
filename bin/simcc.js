#!/usr/bin/env node
// simcc's command. Everything, the exit status included, is done by the compiled CLI (npm run build).
try {
  await import('../dist/cli/main.js');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('main.js')) throw err;
  process.stderr.write('error: simcc is not built: run `npm run build` in its folder\n');
  process.exitCode = 2;
}
