/**
 * `scenario` for the 'simcc/rust' flavour: the same function as the Go flavour's (same options, same
 * checks), except that the body runs as a Rust main thread: when it returns, the values main still
 * owns are dropped in reverse order of creation (Rust runs main's destructors before exit: a
 * JoinHandle dropped there detaches its thread and reports a panic nobody joined); a panic escaping
 * main unwinds main's values first, then ends the execution as a finding.
 *
 * A scenario exported as a plain `async function` (no `scenario()`) is not wrapped: main's values are
 * then not dropped at its end (see the report: a runtime hook at a thread's end would remove this gap).
 */
import { scenario as goScenario, type Scenario, type ScenarioOptions } from '../../api/scenario.js';
import { currentExecution } from '../../runtime/current.js';
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

export function scenario(nameOrOptions: string | (ScenarioOptions & { name: string }), body: () => Promise<unknown> | unknown): Scenario {
  return goScenario(nameOrOptions, typeof body === 'function' ? rustMain(body) : body);
}
