/**
 * The bug-hunting phase of `simcc explore`, before the DPOR proof: a few seeded PCT and random
 * executions ("probes"). Depth-first DPOR spends its budget on the first branches, so a bug that needs
 * a preemption deep in the execution is found late; PCT finds a bug of depth d with probability at least
 * 1/(n·k^(d−1)) per execution, and random walks find shallow ones at once (as `run` does).
 *
 * Probes take turns: PCT (probes 1, 4, 7, …: depth DEFAULT_PCT_DEPTH, seeds 1, 2, …), random (probes 2,
 * 5, 8, …: seeds 1, 2, …) and preemption-bounded POR with iterative deepening (probes 3, 6, 9, …:
 * scheduler/bounded-dpor.ts with K = 0, then 1, then 2, each K from where the previous one was complete;
 * CHESS found most bugs within two preemptions). A PCT or random probe is the execution `simcc run FILE
 * --seed N` (with `--strategy pct --depth D --pct-steps K` for PCT) names, so its finding carries that
 * seed and reproduces with the printed `run --seed` command; every probe's finding reproduces with its
 * schedule through `replay`. A bounded phase that completes does not make the exploration complete: the
 * proof after the probes is unchanged and alone decides `complete`.
 *
 * Measured (the 15 real-bug kernels of scenarios/ that state `expect`, `explore --json`): 14 are found by
 * PCT probe 1 or random probe 2, before any bounded probe runs, and the last by random seed 9 (probe 18
 * when PCT and random alternated, 26 now); so the bounded probes come third, where they cost one probe in
 * three and search the schedules with few preemptions systematically for bugs the samplers miss.
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
import { BoundedDporExplorer } from '../scheduler/bounded-dpor.js';
import { KeyTable } from '../scheduler/keys.js';
import { DEFAULT_PCT_DEPTH, PctStrategy } from '../scheduler/pct.js';
import { RandomStrategy } from '../scheduler/random.js';
import { BudgetGuard, type Deadlines } from './explore-budget.js';
import { runExecution } from './execute.js';
import type { ExecutionResult } from '../runtime/execution.js';
import type { ExploreOptions, FoundFinding, TaskResult } from './explore.js';
import { tellFound, type FindingRecorder } from './explore-findings.js';

/** Probes at most (PCT and random together). */
export const DEFAULT_PROBE_EXECUTIONS = 200;
/** Share of --max-time, and of --max-executions, the probes may use at most. */
export const PROBE_SHARE = 0.1;

/** The preemption bounds of the bounded probes, in order (iterative deepening). */
export const PROBE_BOUNDS = [0, 1, 2] as const;

export type BoundedPhase = `preemption-bound-${number}`;
export type ProbePhase = 'pct' | 'random' | BoundedPhase;

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
  /** Probes of the preemption-bounded phases. */
  bounded?: number;
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
  const out: ProbesResult = { executions: 0, pct: 0, random: 0, bounded: 0, steps: 0, findings: [] };
  const turns = turnsOf(planned);
  const pct = new PctStrategy(1, turns.pct, DEFAULT_PCT_DEPTH);
  const random = new RandomStrategy(1, turns.random);
  const bounded = new BoundedProbes(opts.run.timeMode === 'synctest');
  const index = { pct: 0, random: 0 };
  const seen = new Set<string>();
  const told = new Set<string>();
  const run = opts.run;
  for (let p = 1; p <= planned; p++) {
    if (performance.now() >= ctx.until) {
      out.stopped = 'max-time';
      return out;
    }
    let kind = turnOf(p);
    // The bounded phases are done (every K complete): their turns go to PCT and random.
    if (kind === 'bounded' && bounded.done) kind = p % 2 === 1 ? 'pct' : 'random';
    ctx.onProbe?.(p);
    const capture = ctx.diagnoseProbe === p;
    let r: ExecutionResult;
    let phase: ProbePhase;
    if (kind === 'bounded') {
      const got = await bounded.next(scenario, run, ctx.until, capture);
      if (got === 'cut') {
        out.stopped = 'max-time';
        return out;
      }
      if (got === null) {
        p--; // no execution ran (the bound's last one was pruned, or its exploration just ended)
        continue;
      }
      r = got.result;
      phase = got.phase;
      out.bounded!++;
    } else {
      const inner = kind === 'pct' ? pct : random;
      const guard = new BudgetGuard(inner, ctx.until);
      const begun = guard.beginExecution(index[kind]++);
      if (!begun) break;
      r = await runExecution(scenario, run, { strategy: guard, seed: begun.seed, captureLocations: capture, recordTrace: false });
      if (guard.cut) {
        out.stopped = 'max-time';
        return out;
      }
      phase = kind;
      out[kind]++;
    }
    out.executions++;
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

type Turn = 'pct' | 'random' | 'bounded';

/** Whose turn probe p (1-based) is: PCT, random, bounded, PCT, … */
function turnOf(p: number): Turn {
  const r = (p - 1) % 3;
  return r === 0 ? 'pct' : r === 1 ? 'random' : 'bounded';
}

/** The probes of each kind among the first `ran` (when the budget cut them: the bounded turns as taken). */
export function turnCounts(ran: number): Pick<ProbesResult, 'pct' | 'random' | 'bounded'> {
  let pct = 0;
  let random = 0;
  for (let p = 1; p <= ran; p++) {
    const t = turnOf(p);
    if (t === 'pct') pct++;
    else if (t === 'random') random++;
  }
  return { pct, random, bounded: ran - pct - random };
}

/** How many of `planned` probes PCT and random may take at most (their own turns, and the bounded ones'). */
function turnsOf(planned: number): { pct: number; random: number } {
  return { pct: Math.ceil(planned / 2), random: Math.ceil(planned / 2) };
}

/**
 * The preemption-bounded phases: bounded POR with K = 0, then 1, then 2 (PROBE_BOUNDS), one execution per
 * turn. Each K is a fresh exploration of the whole scenario (a task without prefix); it goes on to the
 * next K once the current one is complete.
 */
class BoundedProbes {
  private at = 0;
  private explorer: BoundedDporExplorer | null = null;
  private index = 0;
  done = false;

  constructor(private readonly synctest: boolean) {}

  /** The next bounded execution: its result and phase; null when none ran; 'cut' when the budget cut it. */
  async next(scenario: Scenario, run: ExploreOptions['run'], until: number, capture: boolean): Promise<{ result: ExecutionResult; phase: BoundedPhase } | null | 'cut'> {
    for (;;) {
      if (this.done) return null;
      const bound = PROBE_BOUNDS[this.at]!;
      this.explorer ??= new BoundedDporExplorer(new KeyTable(), { prefix: [], sleep: [] }, this.synctest, bound);
      const guard = new BudgetGuard(this.explorer, until);
      if (!guard.beginExecution(this.index++)) {
        this.explorer = null;
        this.index = 0;
        this.at++;
        if (this.at >= PROBE_BOUNDS.length) this.done = true;
        continue;
      }
      const result = await runExecution(scenario, run, { strategy: guard, captureLocations: capture, recordTrace: false });
      if (guard.cut) return 'cut';
      // The race analysis steers the next bounded execution (a scenario error ends the probes: not analysed).
      if (!result.error) this.explorer.endExecution(result);
      if (result.abandoned) continue;
      return { result, phase: `preemption-bound-${bound}` };
    }
  }
}
