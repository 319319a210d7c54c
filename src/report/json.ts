/**
 * The `--json` documents, exactly as shared/scenario-api.md §4 fixes them.
 *
 * Invariant: the same RunReport always gives the same bytes. Keys are written in a fixed order, nothing
 * time- or machine-dependent is added (no timings, no temp paths), and `file` is the path as the user gave it.
 */
import type { Finding, ScenarioErrorInfo } from '../findings.js';
import type { RunReport } from '../harness/types.js';
import { verdictOf } from './verdict.js';

/** A finding as the JSON document has it. */
export interface FindingResult {
  kind: string;
  message: string;
  seed?: number;
  schedule: string;
  threads: unknown[];
  locations: string[];
  [key: string]: unknown;
}

/** The document of `simcc run --json` (and of `explore --json`, which adds what it covered). */
export interface RunResult {
  file: string;
  scenario: string;
  verdict: 'pass' | 'fail' | 'error';
  strategy: string;
  executions: number;
  complete: boolean;
  findings: FindingResult[];
  error?: { message: string; location: string };
  [key: string]: unknown;
}

export type ExploreResult = RunResult & { maxDepth: number; pruned: number; tasks: { total: number; explored: number } };

/** The contract's fields first, in its order, then the finding's other fields in the runtime's order. */
export function findingDocument(finding: Finding): Record<string, unknown> {
  const { kind, message, seed, schedule, threads, locations, ...rest } = finding;
  return { kind, message, ...(seed !== undefined && { seed }), schedule, threads, locations, ...rest };
}

function errorDocument(error: ScenarioErrorInfo, file: string): Record<string, unknown> {
  return { message: error.message, location: error.location ?? file };
}

export function runDocument(file: string, report: RunReport): Record<string, unknown> {
  return {
    file,
    scenario: report.scenario,
    verdict: verdictOf(report),
    strategy: report.strategy,
    executions: report.executions,
    complete: report.complete,
    findings: report.findings.map(findingDocument),
    ...(report.error && { error: errorDocument(report.error, file) }),
    // --mutex VARIANT, and what staged Mutexes measured (additive: absent when no staged Mutex ran).
    ...(report.mutexVariant !== undefined && { mutex: report.mutexVariant }),
    ...(report.mutexMetrics && { mutexMetrics: report.mutexMetrics }),
  };
}

export function serialize(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
