/**
 * `scenario` for the 'simcc/tokio' flavour: the same options and checks as the other flavours'
 * (api/scenario.ts), a scenario of flavour TOKIO, and a body that runs as `#[tokio::main]`'s body: a
 * Rust main (its values dropped when it returns, newest first; a panic unwinds them first) that is a
 * task (tokio awaits in it read its task state; main is never aborted).
 *
 * The `runtime` option (`{ flavor: 'multi_thread', workers }` or `{ flavor: 'current_thread' }`) is
 * validated and kept in `scenario.options.runtime`; the worker-thread model that uses it (a blocking std
 * call holding its worker) is not built yet: every task runs as if on its own worker.
 */
import { scenarioFactory, type ScenarioFactory } from '../../api/scenario.js';
import { TOKIO } from '../../runtime/flavour.js';
import { tokioMain } from './task.js';

const tokioScenario = scenarioFactory(TOKIO);

export const scenario: ScenarioFactory = (nameOrOptions, body) => tokioScenario(nameOrOptions, typeof body === 'function' ? tokioMain(body) : body);
