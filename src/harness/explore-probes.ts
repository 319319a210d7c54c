/**
 * The bug-hunting phase of `simcc explore`, before the DPOR proof: a few seeded PCT and random
 * executions ("probes"). Depth-first DPOR spends its budget on the first branches, so a bug that needs
 * a preemption deep in the execution is found late; PCT finds a bug of depth d with probability at least
 * 1/(n·k^(d−1)) per execution, and random walks find shallow ones at once (as `run` does).
 *
 * Probes alternate PCT (odd probes: depth DEFAULT_PCT_DEPTH, seeds 1, 2, …) and random (even probes:
 * seeds 1, 2, …). Probe p is the execution `simcc run FILE --seed N` (with `--strategy pct --depth D
 * --pct-steps K` for PCT) names, so its finding carries that seed and reproduces with the printed
 * `run --seed` command, and with its schedule through `replay`.
 *
 * Budget (the same for any number of workers, so that the result does not depend on them): at most
 * `executions` probes (default DEFAULT_PROBE_EXECUTIONS), and never more than a tenth of
 * --max-executions; and they stop once `timeFraction` (a tenth) of --max-time has passed. The probes
 * stop at their first finding unless --all. A clean run goes on with the full DPOR proof, which alone
 * decides `complete`.
 *
 * Invariant: deterministic as long as the time share does not bind — the same scenario and budget give
 * the same probes, in the same order, with the same findings.
 */
import type { Scenario } from '../api/scenario.js';
import type { Finding } from '../findings.js';
import { DEFAULT_PCT_DEPTH, PctStrategy } from '../scheduler/pct.js';
import { RandomStrategy } from '../scheduler/random.js';
import { BudgetGuard, type Deadlines } from './explore-budget.js';
import { runExecution } from './execute.js';
import type { ExploreOptions, FoundFinding, TaskResult } from './explore.js';
import { tellFound, type FindingRecorder } from './explore-findings.js';

/** Probes at most (PCT and random together). */
export const DEFAULT_PROBE_EXECUTIONS = 200;
/** Share of --max-time, and of --max-executions, the probes may use at most. */
export const PROBE_SHARE = 0.1;

export type ProbePhase = 'pct' | 'random';

export interface ProbeOptions {
  /** Probes at most (before the share of --max-executions). */
  executions: number;
}

/** How many probes an exploration with these options runs at most: the same in every worker and shard. */
export function plannedProbes(opts: Pick<ExploreOptions, 'probes' | 'maxExecutions'>): number {
  if (!opts.probes) return 0;
  const byBudget = opts.maxExecutions === undefined ? Infinity : Math.floor(opts.maxExecutions * PROBE_SHARE);
  return Math.max(0, Math.min(opts.probes.executions, byBudget));
}

export interface ProbesResult {
  /** Probes run (cut ones not counted). */
  executions: number;
  pct: number;
  random: number;
  steps: number;
  /** The probes stopped before all planned ones ran: at a finding, or on the time share. */
  stopped?: 'finding' | 'max-time';
  findings: FoundFinding[];
  error?: TaskResult['error'];
}

/**
 * Run the probes: until `until` (performance.now()), the planned number, or the first finding (unless
 * `all`). Findings are recorded (located, shrunk within the deadlines) by `record`, each with its phase.
 */
export async function runProbes(
  scenario: Scenario,
  opts: ExploreOptions,
  ctx: {
    until: number;
    deadlines: Deadlines;
    record: FindingRecorder;
    onFound?: (f: FoundFinding) => void;
    /** Told the number of each probe as it starts (the watchdog's progress counters). */
    onProbe?: (p: number) => void;
    /** The stall diagnosis: run the probes up to this one, which captures locations (and reports resumes). */
    diagnoseProbe?: number;
  },
): Promise<ProbesResult> {
  const planned = ctx.diagnoseProbe ?? plannedProbes(opts);
  const out: ProbesResult = { executions: 0, pct: 0, random: 0, steps: 0, findings: [] };
  const pct = new PctStrategy(1, Math.ceil(planned / 2), DEFAULT_PCT_DEPTH);
  const random = new RandomStrategy(1, Math.floor(planned / 2));
  const seen = new Set<string>();
  const told = new Set<string>();
  const run = opts.run;
  for (let p = 1; p <= planned; p++) {
    if (performance.now() >= ctx.until) {
      out.stopped = 'max-time';
      return out;
    }
    const phase: ProbePhase = p % 2 === 1 ? 'pct' : 'random';
    const index = (p - 1) >> 1;
    const inner = phase === 'pct' ? pct : random;
    const guard = new BudgetGuard(inner, ctx.until);
    const begun = guard.beginExecution(index);
    if (!begun) break;
    ctx.onProbe?.(p);
    const capture = ctx.diagnoseProbe === p;
    const r = await runExecution(scenario, run, { strategy: guard, seed: begun.seed, captureLocations: capture, recordTrace: false });
    if (guard.cut) {
      out.stopped = 'max-time';
      return out;
    }
    out.executions++;
    out[phase]++;
    out.steps += r.steps;
    if (!r.error && r.findings.length === 0) continue;
    const tag = { phase, probe: p };
    if (r.error) {
      out.error = await ctx.record.error(r, out.executions, tag);
      out.stopped = 'finding';
      return out;
    }
    // PCT's parameters name the execution with its seed (`run --seed N --strategy pct --depth D --pct-steps K`).
    const stamped: Finding[] = phase === 'pct' ? r.findings.map((f) => ({ ...f, pct: { depth: pct.depth, steps: pct.bound } })) : r.findings;
    const found = { ...r, findings: stamped };
    tellFound(found, out.executions, told, tag, ctx.onFound);
    const before = out.findings.length;
    await ctx.record.findings(found, out.executions, seen, out.findings, tag);
    if (!opts.all && out.findings.length > before) {
      out.stopped = 'finding';
      return out;
    }
  }
  return out;
}
