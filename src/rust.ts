/**
 * simcc's public API, Rust flavour: what scenario files import as 'simcc/rust' (shared/scenario-api.md §2b).
 * Its scenarios run on the same runtime, scheduler and CLI as Go's; only the words of the reports differ
 * (a "thread", not a "goroutine": runtime/flavour.ts RUST). std's primitives build on the shared cores of
 * src/primitives/core/.
 */
import { scenarioFactory, type ScenarioFactory } from './api/scenario.js';
import { RUST } from './runtime/flavour.js';

export type { Scenario, ScenarioOptions } from './api/scenario.js';
export { panic, assert } from './api/panic.js';
export type { Finding, FindingKind, ThreadInfo, Access } from './findings.js';

/** `scenario(name | options, body)`: a Rust-flavour scenario; the body is main's. */
export const scenario: ScenarioFactory = scenarioFactory(RUST);
