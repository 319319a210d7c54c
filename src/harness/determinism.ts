/**
 * The determinism check (`--verify-determinism`), after shuttle's uncontrolled-nondeterminism scheduler:
 * a failing schedule is replayed twice, then once more with source locations (those its report shows, see
 * located.ts), each run recorded, and a `nondeterminism` finding is reported when any of them differs from
 * the others or from the execution that found the failure: a different step count, other goroutines (or
 * other operations) enabled at a decision, another number of options at a choice, or another outcome. Causes: Math.random, Date.now,
 * real I/O, iteration over state simcc does not control.
 *
 * Invariant: the finding carries the schedule that was replayed (and its seed), so it can be rerun; it
 * replaces the execution's own findings in a report (they came from a run that cannot be shown again),
 * and its details say what that execution found.
 */
import type { Scenario } from '../api/scenario.js';
import type { Finding, ScenarioErrorInfo } from '../findings.js';
import type { ExecutionResult } from '../runtime/execution.js';
import { FIRE_TIMER } from '../runtime/schedule.js';
import type { Decision } from '../scheduler/recorder.js';
import { replayLocated, replayLogged } from './located.js';
import type { RunOptions } from './types.js';

export interface Checked {
  /** The schedule that was replayed. */
  schedule: string;
  seed?: number;
  /** What the execution that recorded it found (its findings and scenario error, if any). */
  findings: readonly Finding[];
  error?: ScenarioErrorInfo;
}

export interface Verified {
  /** A `nondeterminism` finding when the replays disagree, else null. */
  finding: Finding | null;
  /** The replay with source locations and a timeline (reusable for the report when it agreed). */
  located: ExecutionResult;
}

/** One run, as the check compares it. */
interface Observed {
  label: string;
  located: boolean;
  decisions: Decision[];
  steps: number;
  outcome: string;
  result: ExecutionResult;
}

/**
 * What an execution ended with. Messages are compared too, except for the run with locations: a message
 * is meant to hold no location, but a located run is compared by kinds alone so that it never misleads.
 */
const outcomeOf = (findings: readonly Finding[], error: ScenarioErrorInfo | undefined, messages = true): string =>
  error
    ? `a scenario error${messages ? ` (${error.message})` : ''}`
    : findings.length === 0
      ? 'no finding'
      : findings.map((f) => (messages ? `${f.kind} (${f.message})` : f.kind)).join(', ');

export async function verifyDeterminism(scenario: Scenario, run: RunOptions, checked: Checked): Promise<Verified> {
  const observed = (label: string, located: boolean, result: ExecutionResult, decisions: Decision[]): Observed => {
    const outcome = result.diverged ? `a divergence (${result.diverged})` : outcomeOf(result.findings, result.error, !located);
    return { label, located, decisions, steps: result.steps, outcome, result };
  };
  const first = await replayLogged(scenario, run, checked.schedule, checked.seed, true);
  const second = await replayLogged(scenario, run, checked.schedule, checked.seed, true);
  // With the first replay's log, a long execution is located where its report needs it (located.ts).
  const third = await replayLocated(scenario, run, checked.schedule, checked.seed, { trace: true, logged: first, describeOps: true });
  const runs = [
    observed('the first replay', false, first.result, first.decisions),
    observed('the second replay', false, second.result, second.decisions),
    observed('the replay with source locations', true, third.result, third.decisions),
  ];
  const located = third.result;

  const differences: string[] = [];
  for (const r of runs) {
    const original = outcomeOf(checked.findings, checked.error, !r.located);
    if (r.outcome !== original) differences.push(`${r.label} ended with ${r.outcome}, but the execution that recorded the schedule with ${original}`);
  }
  for (const r of runs.slice(1)) {
    const d = firstDifference(runs[0]!, r);
    if (d) differences.push(d);
  }
  if (differences.length === 0) return { finding: null, located };

  const finding: Finding = {
    kind: 'nondeterminism',
    message: `replaying the schedule did not reproduce the same execution: ${differences[0]}`,
    details: [
      ...differences.slice(1),
      `the execution that recorded the schedule ended with ${outcomeOf(checked.findings, checked.error)}`,
      'the scenario did not take the same steps again: does it use Math.random, Date.now or real I/O?',
    ],
    threads: [],
    locations: [],
    schedule: checked.schedule,
    step: firstDivergentStep(runs),
  };
  if (checked.seed !== undefined) finding.seed = checked.seed;
  return { finding, located };
}

/** How run `b` first departs from run `a`, or null when they took the same decisions and steps. */
function firstDifference(a: Observed, b: Observed): string | null {
  const n = Math.min(a.decisions.length, b.decisions.length);
  for (let i = 0; i < n; i++) {
    const x = a.decisions[i]!;
    const y = b.decisions[i]!;
    const dx = describe(x);
    const dy = describe(y);
    if (dx !== dy) return `${where(x)}${a.label} was offered ${dx}, but ${b.label} ${dy}`;
  }
  if (a.decisions.length !== b.decisions.length) {
    return `${a.label} made ${a.decisions.length} scheduling decisions and ${b.label} ${b.decisions.length}`;
  }
  if (a.steps !== b.steps) return `${a.label} took ${a.steps} steps and ${b.label} ${b.steps}`;
  return null;
}

function where(d: Decision): string {
  return d.type === 'thread' ? `at step ${d.step + 1}, ` : '';
}

/** What a decision offered: "goroutine 1 (yield) or firing a timer", "a select of 3 options". */
function describe(d: Decision): string {
  if (d.type === 'choice') return `a ${d.kind} choice of ${d.n} options`;
  const who = d.options.map((id, i) => (id === FIRE_TIMER ? 'firing a timer' : (d.ops?.[i] ?? `goroutine ${id}`)));
  if (d.offered > d.options.length) who.splice(who.length - (d.options.at(-1) === FIRE_TIMER ? 1 : 0), 0, `${d.offered - d.options.length} more goroutines`);
  return who.length > 1 ? `${who.slice(0, -1).join(', ')} or ${who.at(-1)}` : who.join('');
}

function firstDivergentStep(runs: Observed[]): number {
  const [a, ...rest] = runs;
  let step = Math.min(...runs.map((r) => r.steps));
  for (const b of rest) {
    const n = Math.min(a!.decisions.length, b.decisions.length);
    for (let i = 0; i < n; i++) {
      if (describe(a!.decisions[i]!) !== describe(b.decisions[i]!)) {
        const d = a!.decisions[i]!;
        if (d.type === 'thread') step = Math.min(step, d.step + 1);
        break;
      }
    }
  }
  return step;
}
