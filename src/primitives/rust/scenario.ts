/**
 * `scenario` for the 'simcc/rust' flavour: the same options and checks as the Go flavour's
 * (api/scenario.ts), a scenario of flavour RUST, and a body that runs as a Rust main thread: when it
 * returns, the values main still owns are dropped in reverse order of creation (Rust runs main's
 * destructors before exit); a panic escaping main unwinds main's values first, then ends the
 * execution as a finding.
 */
import { scenarioFactory, type ScenarioFactory } from '../../api/scenario.js';
import { currentExecution } from '../../runtime/current.js';
import { RUST } from '../../runtime/flavour.js';
import { runThread } from './thread.js';

/** Wrap a body so that it runs as a Rust main thread (drops at its end, unwinding on a panic). */
export function rustMain(body: () => unknown): () => Promise<unknown> {
  return () => {
    const exec = currentExecution('scenario');
    const t = exec.running;
    if (!t) return Promise.resolve(body());
    return runThread(exec, t, body, true);
  };
}

const rustScenario = scenarioFactory(RUST);

export const scenario: ScenarioFactory = (nameOrOptions, body) => rustScenario(nameOrOptions, typeof body === 'function' ? rustMain(body) : body);
