/**
 * `scenario(...)`: what a scenario file exports by default. The body is the main goroutine; each
 * execution calls it afresh.
 */
import { FINDING_KINDS, isFindingKind, type FindingKind } from '../findings.js';

export interface ScenarioOptions {
  name?: string;
  /** The findings this scenario is built to show (`simcc check`). */
  expect?: FindingKind[];
  /** Default number of executions for `simcc run` (a `--runs` flag wins). */
  runs?: number;
  /** Steps one execution may take. */
  stepLimit?: number;
}

const SCENARIO = Symbol.for('simcc.scenario');

export interface Scenario {
  readonly [SCENARIO]: true;
  readonly name: string;
  readonly options: ScenarioOptions;
  readonly body: () => Promise<unknown>;
}

function validate(options: ScenarioOptions): void {
  for (const k of options.expect ?? []) {
    if (!isFindingKind(k)) throw new Error(`scenario option expect: unknown finding kind '${String(k)}' (known: ${FINDING_KINDS.join(', ')})`);
  }
  for (const key of ['runs', 'stepLimit'] as const) {
    const v = options[key];
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new Error(`scenario option ${key} must be a positive integer, got ${String(v)}`);
  }
}

export function scenario(nameOrOptions: string | (ScenarioOptions & { name: string }), body: () => Promise<unknown> | unknown): Scenario {
  const options: ScenarioOptions = typeof nameOrOptions === 'string' ? { name: nameOrOptions } : { ...nameOrOptions };
  if (typeof body !== 'function') throw new Error('scenario(name, body): body must be an async function');
  validate(options);
  return { [SCENARIO]: true, name: options.name ?? 'scenario', options, body: body as () => Promise<unknown> };
}

/** The scenario a module's default export describes, or null when it describes none. */
export function asScenario(x: unknown, fallbackName: string): Scenario | null {
  if (typeof x === 'function') return scenario(fallbackName, x as () => Promise<unknown>);
  if (typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[SCENARIO] === true) return x as Scenario;
  return null;
}
