/**
 * What `explore` does with a failing execution, in the probes (explore-probes.ts) and the proof's tasks
 * (explore.ts) alike: tell the supervisor at once (the raw finding and its schedule, which replays — kept
 * in case the budget ends before the rest), then check it, locate it and shrink it within the budget.
 *
 * Each finding is kept once per place (same kind at the same place, shrink.ts `placeOf`).
 */
import type { Scenario } from '../api/scenario.js';
import type { Finding } from '../findings.js';
import type { ExecutionResult } from '../runtime/execution.js';
import { verifyDeterminism } from './determinism.js';
import { replayLocated } from './located.js';
import { shrinkMsLeft, type Deadlines } from './explore-budget.js';
import type { ExploreOptions, FindingPhase, FoundFinding, TaskResult } from './explore.js';
import { DEFAULT_SHRINK_BUDGET, placeOf, shrinkable, shrinkFinding } from './shrink.js';
import type { RunOptions } from './types.js';

/** A place as one string, for telling findings apart. */
export function placeKey(f: Finding): string {
  const p = placeOf(f);
  return `${p.kind} ${p.where}`;
}

/**
 * A schedule replayed with locations and a timeline (located.ts: a long execution, a step-limit at
 * 100,000 steps, gets the locations its report shows, not one per step). `steps`: its length, when known.
 */
async function replayShown(scenario: Scenario, run: RunOptions, schedule: string, steps?: number): Promise<ExecutionResult> {
  return (await replayLocated(scenario, run, schedule, undefined, { trace: true, ...(steps !== undefined && { steps }) })).result;
}

/**
 * Executions longer than this are reported as found, not shrunk: shrinking costs far more than the
 * execution, and its wall-clock budget is only checked between its replays (measured: 110 s for 3
 * replays of a 40,008-step execution). The printed schedule replays the finding all the same.
 */
export const SHRINK_MAX_STEPS = 10_000;

/** Tell `onFound` the findings of an execution at places not told yet, as found (before any replay). */
export function tellFound(r: ExecutionResult, execution: number, told: Set<string>, tag: FindingTag, onFound: ((f: FoundFinding) => void) | undefined): void {
  if (!onFound) return;
  for (const f of r.findings) {
    const place = placeKey(f);
    if (told.has(place)) continue;
    told.add(place);
    onFound({ execution, place, finding: f, ...tag });
  }
}

/** Which phase of the exploration found a finding, and for a probe its number (1-based). */
export interface FindingTag {
  phase: FindingPhase;
  probe?: number;
}
export const DPOR_TAG: FindingTag = { phase: 'dpor' };

/** What is done with the failing executions of a task or of the probes (see `findingRecorder`). */
export interface FindingRecorder {
  /** Locate, tell apart (by `seen`), shrink and add to `out` the findings of one execution. */
  findings(r: ExecutionResult, execution: number, seen: Set<string>, out: FoundFinding[], tag: FindingTag): Promise<void>;
  /** A scenario error, located. */
  error(r: ExecutionResult, execution: number, tag: FindingTag): Promise<NonNullable<TaskResult['error']>>;
}

/**
 * Findings (already told as found, `tellFound`: the raw finding and its schedule, which replays) are
 * checked for determinism (--verify-determinism, when time is left), shown from a replay with locations
 * and a timeline, and shrunk within the time left before `finishBy` (skipped when none is left). A
 * finding keeps the seed (and PCT's parameters) of the execution that found it: `run --seed` reruns it.
 */
export function findingRecorder(scenario: Scenario, opts: ExploreOptions, deadlines: Deadlines): FindingRecorder {
  const run = opts.run;
  return {
    async error(r, execution, tag) {
      const located = await replayShown(scenario, run, r.schedule, r.steps);
      return { info: located.error ?? r.error!, execution, ...tag, ...(located.trace && { trace: located.trace }) };
    },
    async findings(r, execution, seen, out, tag) {
      let found: readonly Finding[] = r.findings;
      if (run.verifyDeterminism && performance.now() < deadlines.finishBy) {
        const checked = await verifyDeterminism(scenario, run, { schedule: r.schedule, findings: r.findings });
        if (checked.finding) found = [checked.finding, ...r.findings];
      }
      const located = await replayShown(scenario, run, r.schedule, r.steps);
      const same = !located.diverged && located.findings.map((f) => f.kind).join() === r.findings.map((f) => f.kind).join();
      const offset = found.length - r.findings.length;
      for (const [i, raw] of found.entries()) {
        const f = i >= offset && same ? located.findings[i - offset]! : raw;
        const place = placeKey(f);
        if (seen.has(place)) continue;
        seen.add(place);
        let shown = f;
        let trace = i >= offset && same ? located.trace : undefined;
        const ms = shrinkMsLeft(deadlines);
        if (run.shrink !== false && same && i >= offset && shrinkable([f]) && ms > 0 && r.steps <= SHRINK_MAX_STEPS) {
          shown = await shrinkFinding(scenario, run, f, { ...DEFAULT_SHRINK_BUDGET, ms: Math.min(DEFAULT_SHRINK_BUDGET.ms, ms) });
          if (shown.schedule !== f.schedule) trace = (await replayShown(scenario, run, shown.schedule)).trace;
        }
        out.push({ execution, place, finding: withOrigin(shown, raw), ...tag, ...(trace && { trace }) });
      }
    },
  };
}

/** The finding as shown, with the seed and PCT parameters of the execution that found it (a replay has neither). */
function withOrigin(shown: Finding, found: Finding): Finding {
  if (found.seed === undefined && !found.pct) return shown;
  return { ...shown, ...(found.seed !== undefined && { seed: found.seed }), ...(found.pct && { pct: found.pct }) };
}
