/**
 * `scenario` for the 'simcc/tokio' flavour: the same options and checks as the other flavours'
 * (api/scenario.ts), a scenario of flavour TOKIO, and a body that runs as `#[tokio::main]`'s body: a
 * Rust main (its values dropped when it returns, newest first; a panic unwinds them first) that is a
 * task (tokio awaits in it read its task state; main is never aborted).
 *
 * The `runtime` option (`{ flavor: 'multi_thread', workers }`, default 2 workers, or
 * `{ flavor: 'current_thread' }`) sets the worker threads the tasks run on (workers.ts): a task blocked
 * in a std call holds its worker; on current_thread main's body runs on the one worker too.
 */
import { ScenarioOptionError, scenarioFactory, type ScenarioFactory } from '../../api/scenario.js';
import { TOKIO } from '../../runtime/flavour.js';
import { tokioMain } from './task.js';
import { DEFAULT_RUNTIME, type RuntimeConfig } from './workers.js';

const tokioScenario = scenarioFactory(TOKIO);

/** The `runtime` option checked in full (api/scenario.ts checks only its flavor) and normalised. */
function runtimeConfig(nameOrOptions: unknown): RuntimeConfig {
  const rt = typeof nameOrOptions === 'object' && nameOrOptions !== null ? (nameOrOptions as { runtime?: unknown }).runtime : undefined;
  if (rt === undefined || typeof rt !== 'object' || rt === null) return DEFAULT_RUNTIME;
  const o = rt as { flavor?: unknown; workers?: unknown };
  for (const k of Object.keys(o)) {
    if (k !== 'flavor' && k !== 'workers') throw new ScenarioOptionError(`scenario option runtime: unknown key '${k}' (known: flavor, workers)`);
  }
  if (o.flavor === 'current_thread') {
    if (o.workers !== undefined) throw new ScenarioOptionError(`scenario option runtime: current_thread has one worker; workers is only for multi_thread`);
    return Object.freeze({ flavor: 'current_thread', workers: 1 });
  }
  if (o.workers === undefined) return DEFAULT_RUNTIME;
  if (typeof o.workers !== 'number' || !Number.isInteger(o.workers) || o.workers < 1) {
    throw new ScenarioOptionError(`scenario option runtime: workers must be a positive integer, got ${String(o.workers)}`);
  }
  return Object.freeze({ flavor: 'multi_thread', workers: o.workers });
}

export const scenario: ScenarioFactory = (nameOrOptions, body) => {
  const s = tokioScenario(nameOrOptions, body);
  return typeof body === 'function' ? { ...s, body: tokioMain(body, runtimeConfig(nameOrOptions)) } : s;
};
