/**
 * `scenario(...)`: what a scenario file exports by default. The body is the main goroutine; each
 * execution calls it afresh.
 *
 * Invariant: a scenario whose options name an unknown key, or give a known key a value of the wrong
 * kind, is never built: `scenario()` throws, so importing the file is a scenario error (exit status 2)
 * naming the line, with the nearest known key when the unknown one looks like a typo ("did you mean
 * 'expect'?"). A misspelt `expect` must not silently turn a check into a pass.
 */
import { FINDING_KINDS, isFindingKind, type FindingKind } from '../findings.js';
import { GO, type Flavour } from '../runtime/flavour.js';
import { nearest } from './nearest.js';

export interface ScenarioOptions {
  name?: string;
  /** The findings this scenario is built to show (`simcc check`). */
  expect?: FindingKind[];
  /** Default number of executions for `simcc run` (a `--runs` flag wins). */
  runs?: number;
  /** Steps one execution may take. */
  stepLimit?: number;
  /** The tokio flavour's runtime (shared/scenario-api.md §2c); the Go flavour ignores it. */
  runtime?: { flavor: 'multi_thread'; workers?: number } | { flavor: 'current_thread' };
}

/** Every key `scenario({ ... })` accepts (shared/scenario-api.md §1: any other key is a scenario error). */
export const SCENARIO_OPTION_KEYS = ['name', 'expect', 'runs', 'stepLimit', 'runtime'] as const;

const SCENARIO = Symbol.for('simcc.scenario');

export interface Scenario {
  readonly [SCENARIO]: true;
  readonly name: string;
  readonly options: ScenarioOptions;
  readonly body: () => Promise<unknown>;
  /** The language it simulates: which entry point's `scenario()` made it ('simcc': Go, 'simcc/rust': Rust). */
  readonly flavour: Flavour;
}

/** Thrown by `scenario()` for bad options; its message is the one line the user sees. */
export class ScenarioOptionError extends Error {}

function fail(message: string): never {
  throw new ScenarioOptionError(message);
}

function validateKeys(options: object): void {
  for (const key of Object.keys(options)) {
    if ((SCENARIO_OPTION_KEYS as readonly string[]).includes(key)) continue;
    const guess = nearest(key, SCENARIO_OPTION_KEYS);
    const hint = guess !== undefined ? `: did you mean '${guess}'?` : ` (known: ${SCENARIO_OPTION_KEYS.join(', ')})`;
    fail(`unknown scenario option '${key}'${hint}`);
  }
}

function validate(options: ScenarioOptions): void {
  validateKeys(options);
  if (options.name !== undefined && typeof options.name !== 'string') fail(`scenario option name must be a string, got ${typeof options.name}`);
  if (options.expect !== undefined && !Array.isArray(options.expect)) fail(`scenario option expect must be a list of finding kinds, e.g. expect: ['deadlock']`);
  for (const k of options.expect ?? []) {
    if (isFindingKind(k)) continue;
    const guess = typeof k === 'string' ? nearest(k, FINDING_KINDS) : undefined;
    fail(`scenario option expect: unknown finding kind '${String(k)}'${guess !== undefined ? `: did you mean '${guess}'?` : ` (known: ${FINDING_KINDS.join(', ')})`}`);
  }
  for (const key of ['runs', 'stepLimit'] as const) {
    const v = options[key];
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) fail(`scenario option ${key} must be a positive integer, got ${String(v)}`);
  }
  const rt = options.runtime as unknown;
  if (rt !== undefined) {
    const flavor = typeof rt === 'object' && rt !== null ? (rt as { flavor?: unknown }).flavor : undefined;
    if (flavor !== 'multi_thread' && flavor !== 'current_thread') {
      fail(`scenario option runtime must be { flavor: 'multi_thread', workers?: n } or { flavor: 'current_thread' }`);
    }
  }
}

/** `scenario(name | options, body)` as an entry point exports it, making scenarios of one flavour. */
export type ScenarioFactory = (nameOrOptions: string | (ScenarioOptions & { name: string }), body: () => Promise<unknown> | unknown) => Scenario;

/** The `scenario()` of a flavour's entry point: the same options and checks, the scenario carries `flavour`. */
export function scenarioFactory(flavour: Flavour): ScenarioFactory {
  return (nameOrOptions, body) => makeScenario(flavour, nameOrOptions, body);
}

/** The Go flavour's `scenario()`, exported from 'simcc'. */
export const scenario: ScenarioFactory = scenarioFactory(GO);

function makeScenario(flavour: Flavour, nameOrOptions: string | (ScenarioOptions & { name: string }), body: () => Promise<unknown> | unknown): Scenario {
  if (typeof nameOrOptions !== 'string' && (typeof nameOrOptions !== 'object' || nameOrOptions === null)) {
    fail('scenario(name, body): the first argument must be a name or an options object { name, expect?, runs?, stepLimit? }');
  }
  const options: ScenarioOptions = typeof nameOrOptions === 'string' ? { name: nameOrOptions } : { ...nameOrOptions };
  if (typeof body !== 'function') fail('scenario(name, body): body must be an async function');
  validate(options);
  return { [SCENARIO]: true, name: options.name ?? 'scenario', options, body: body as () => Promise<unknown>, flavour };
}

/** The scenario a module's default export describes, or null when it describes none (a bare function is Go's). */
export function asScenario(x: unknown, fallbackName: string): Scenario | null {
  if (typeof x === 'function') return scenario(fallbackName, x as () => Promise<unknown>);
  if (typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[SCENARIO] === true) return x as Scenario;
  return null;
}
