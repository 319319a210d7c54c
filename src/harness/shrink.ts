/**
 * Shrinking: before a finding is printed, its schedule is reduced — fewest preemptions first, then fewest
 * steps, then fewest recorded answers — while the same finding still occurs: the same kind at the same
 * place (its first source location, or its message when it has none).
 *
 * How: candidate answer lists are run with GuidedStrategy (scheduler/guided.ts), which follows a plan as
 * far as the scenario allows and completes it without preempting; each run is recorded (Recorder), so its
 * preemptions are counted from what really happened. Candidates, in this order: no plan at all (never
 * preempt: one run that can drop thousands of preemptions, tried once); give a preempted goroutine its
 * step back (with or without the rest of the plan); at a preemption, switch to another goroutine instead
 * and go on without preempting; leave out, or run earlier, a stretch of one goroutine's steps (the plan
 * then says which goroutine takes each step); truncate the plan (its first 1/8, 2/8, ...); delta
 * debugging over the answers (remove halves, quarters, ... of them); the same switch as above at every
 * other context switch. A candidate is kept only when it is strictly smaller and, replayed exactly with
 * source locations, shows every target finding at its place. The search stops at a fixpoint or when the budget is spent.
 *
 * Bounds (DEFAULT_SHRINK_BUDGET): at most 500 executions, 2,000,000 steps in all and 5 s. The step budget
 * scales the number of executions to the execution's length: the located replay of the finding itself
 * counts, so an execution of 1,000,000 steps or more is reported as found, without a candidate tried, and
 * one of 40,000 steps gets about 25 candidates. Candidates are built only while budget is left (building
 * one is linear in the execution's length), so spending it ends the search at once.
 *
 * Invariants:
 * - The finding is never lost: the search returns the smallest execution that showed it, and that is the
 *   execution as found until a candidate proved smaller, whenever the budget runs out.
 * - The result is a real execution: its schedule is what that execution recorded, and its findings and
 *   timeline come from replaying that schedule with ReplayStrategy, so the printed schedule replays.
 * - The search is deterministic (same finding, same shrunk schedule on every machine) as long as the
 *   replay and step budgets bind; the wall-clock limit only guards against pathological scenarios.
 * - Its own work between executions feeds the supervisor's watchdog (alive()): a long shrink is never
 *   reported as the scenario's synchronous loop.
 * - The seed stays on the findings: `run --seed N` still reruns the execution as first found (and shrinks
 *   it again to the same schedule).
 */
import type { Scenario } from '../api/scenario.js';
import type { Finding, FindingKind, ShrinkSummary } from '../findings.js';
import type { ExecutionResult } from '../runtime/execution.js';
import { decodeSchedule } from '../runtime/schedule.js';
import { GuidedStrategy, type Plan } from '../scheduler/guided.js';
import { Recorder, countPreemptions, isPreemption, type Decision } from '../scheduler/recorder.js';
import { runExecution } from './execute.js';
import { FULL_CAPTURE_STEPS, replayLocated, replayLogged, StepLog, type Logged } from './located.js';
import { PROGRESS_STEPS } from './protocol.js';
import type { RunOptions } from './types.js';

export interface ShrinkBudget {
  /**
   * Executions the search may run, the finding's own replays included (a kept candidate costs two: a fast
   * run and a located replay); a long execution kept costs one more, which records its timeline.
   */
  replays: number;
  /** Steps those executions may take in all. */
  steps: number;
  /** Wall-clock milliseconds, a safety net only (see the header). */
  ms: number;
}

export const DEFAULT_SHRINK_BUDGET: ShrinkBudget = { replays: 500, steps: 2_000_000, ms: 5_000 };

/** Findings whose schedules are not shrunk: a divergence is about the scenario, a step limit always takes the limit. */
const NOT_SHRUNK: readonly FindingKind[] = ['nondeterminism', 'step-limit'];

/** Where a finding is, for "the same finding": its kind and first location, else its message. */
export interface Place {
  kind: FindingKind;
  where: string;
}

export function placeOf(f: Finding): Place {
  return { kind: f.kind, where: f.locations[0] ?? `message: ${f.message}` };
}

export function shrinkable(findings: readonly Finding[]): boolean {
  return findings.length > 0 && findings.every((f) => !NOT_SHRUNK.includes(f.kind));
}

export interface FailingExecution {
  /** The schedule it recorded. */
  schedule: string;
  seed?: number;
  /** Its findings (with or without locations). */
  findings: readonly Finding[];
}

export interface Shrunk {
  /** The shrunk execution replayed with locations and a timeline (the original one when nothing smaller was found). */
  result: ExecutionResult;
  /** Set when the schedule got smaller (also on each finding of `result`). */
  summary?: ShrinkSummary;
}

/**
 * Shrink the schedule of a failing execution while every one of its findings still occurs at its place.
 * Null when its schedule, replayed with locations, does not show the same findings (a nondeterministic
 * scenario): there is nothing reliable to shrink.
 */
export async function shrinkExecution(
  scenario: Scenario,
  run: RunOptions,
  failing: FailingExecution,
  budget: ShrinkBudget = DEFAULT_SHRINK_BUDGET,
): Promise<Shrunk | null> {
  const search = new Search(scenario, run, failing.seed, budget);
  const origin = await search.located(failing.schedule, undefined, true);
  if (!origin || origin.result.error) return null;
  const found = origin.result.findings;
  if (found.map((f) => f.kind).join() !== failing.findings.map((f) => f.kind).join()) return null;
  if (!shrinkable(found)) return { result: origin.result };
  search.targets = found.map(placeOf);
  const best = await search.withTrace(await search.run(origin));
  if (!best || best === origin) return { result: origin.result };
  const summary: ShrinkSummary = {
    from: { steps: origin.steps, preemptions: origin.preemptions, schedule: origin.result.schedule },
    to: { steps: best.steps, preemptions: best.preemptions },
    replays: search.replays,
  };
  for (const f of best.result.findings) f.shrunk = summary;
  return { result: best.result, summary };
}

/**
 * Shrink one finding's schedule (`explore` and `run` use it before printing): returns the finding as the
 * shrunk execution shows it, with locations, `shrunk` set and a schedule that replays; the finding
 * unchanged when it cannot be reproduced or made smaller.
 */
export async function shrinkFinding(
  scenario: Scenario,
  run: RunOptions,
  finding: Finding,
  budget: ShrinkBudget = DEFAULT_SHRINK_BUDGET,
): Promise<Finding> {
  if (!shrinkable([finding])) return finding;
  const search = new Search(scenario, run, finding.seed, budget);
  const origin = await search.located(finding.schedule, undefined, false);
  if (!origin) return finding;
  const same = (f: Finding) => f.kind === finding.kind && (finding.locations.length > 0 ? f.locations[0] === finding.locations[0] : f.message === finding.message);
  const target = origin.result.findings.find(same) ?? origin.result.findings.find((f) => f.kind === finding.kind);
  if (!target) return finding;
  search.targets = [placeOf(target)];
  const best = await search.run(origin);
  const place = placeOf(target);
  const shown = best.result.findings.find((f) => f.kind === place.kind && placeOf(f).where === place.where) ?? target;
  if (best !== origin) {
    shown.shrunk = {
      from: { steps: origin.steps, preemptions: origin.preemptions, schedule: origin.result.schedule },
      to: { steps: best.steps, preemptions: best.preemptions },
      replays: search.replays,
    };
  }
  return shown;
}

/** One execution the search knows: its answers, what they offered, the located replay and its step log. */
interface Known {
  choices: number[];
  decisions: Decision[];
  steps: number;
  preemptions: number;
  result: ExecutionResult;
  logged: Logged;
}

type Size = Pick<Known, 'preemptions' | 'steps' | 'choices'>;

function smaller(a: Size, b: Size): boolean {
  if (a.preemptions !== b.preemptions) return a.preemptions < b.preemptions;
  if (a.steps !== b.steps) return a.steps < b.steps;
  return a.choices.length < b.choices.length;
}

/** A plan's identity for "already tried": two 32-bit hashes and the length (plans can hold millions of answers). */
function planKey(plan: Plan): string {
  const parts = 'answers' in plan ? [plan.answers] : [plan.byStep, plan.choices];
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  let n = 0;
  for (const list of parts) {
    for (const v of list) {
      h1 = Math.imul(h1 ^ (v + 7), 0x01000193);
      h2 = Math.imul(h2 + v + 13, 0x5bd1e995) ^ (h2 >>> 15);
      n++;
    }
    h1 = Math.imul(h1 ^ 0xff, 0x01000193);
  }
  return `${parts.length}:${n}:${h1 >>> 0}:${h2 >>> 0}`;
}

class Search {
  targets: Place[] = [];
  replays = 0;
  private steps = 0;
  private readonly started = performance.now();
  private readonly tried = new Set<string>();

  constructor(
    private readonly scenario: Scenario,
    private readonly options: RunOptions,
    private readonly seed: number | undefined,
    private readonly budget: ShrinkBudget,
  ) {}

  private spent(): boolean {
    return this.replays >= this.budget.replays || this.steps >= this.budget.steps || performance.now() - this.started >= this.budget.ms;
  }

  private count(result: ExecutionResult): void {
    this.replays++;
    this.steps += result.steps;
  }

  /**
   * The search's own work between executions moves no step: tell the supervisor's watchdog (it watches
   * the step counter, protocol.ts PROGRESS_STEPS) that simcc, not the scenario, is busy.
   */
  private alive(): void {
    const progress = this.options.progress;
    if (progress) Atomics.add(progress, PROGRESS_STEPS, 1);
  }

  /**
   * Replay a schedule exactly, with locations (and a timeline when `trace`); null when it diverges.
   * `logged` is a run of the same schedule with its step log, when there is one (located.ts).
   */
  async located(schedule: string, logged: Logged | undefined, trace: boolean): Promise<Known | null> {
    let first = logged;
    if (!first) {
      first = await replayLogged(this.scenario, this.options, schedule, this.seed);
      this.count(first.result);
      if (first.result.diverged) return null;
    }
    const { result, decisions } = await replayLocated(this.scenario, this.options, schedule, this.seed, { trace, logged: first });
    this.count(result);
    if (result.diverged) return null;
    return { choices: decodeSchedule(result.schedule), decisions, steps: result.steps, preemptions: countPreemptions(decisions), result, logged: first };
  }

  /** `known` with a timeline (the located replays of long candidates have none: see attempt). */
  async withTrace(known: Known): Promise<Known | null> {
    if (known.result.trace) return known;
    return this.located(known.result.schedule, known.logged, true);
  }

  private shows(findings: readonly Finding[], withPlace: boolean): boolean {
    return this.targets.every((t) => findings.some((f) => f.kind === t.kind && (!withPlace || placeOf(f).where === t.where)));
  }

  /**
   * Run a plan; the execution it gives when that is smaller than `best` and still shows the targets.
   * Kinds are checked on a run without locations; only a smaller one is replayed with them (its places).
   */
  private async attempt(plan: Plan, best: Known): Promise<Known | null> {
    this.alive();
    if (this.spent()) return null;
    const key = planKey(plan);
    if (this.tried.has(key)) return null;
    this.tried.add(key);
    const recorder = new Recorder(new GuidedStrategy(plan, this.seed));
    const log = new StepLog(recorder);
    log.beginExecution(0);
    const fast = await runExecution(this.scenario, this.options, { strategy: log, seed: this.seed, captureLocations: false, recordTrace: false });
    this.count(fast);
    if (fast.error || !this.shows(fast.findings, false)) return null;
    const size = { preemptions: countPreemptions(recorder.decisions), steps: fast.steps, choices: decodeSchedule(fast.schedule) };
    if (!smaller(size, best) || this.spent()) return null;
    // A short execution gets its timeline now (cheap); a long one only if it ends up the one reported.
    const again = await this.located(fast.schedule, { result: fast, decisions: recorder.decisions, log }, fast.steps <= FULL_CAPTURE_STEPS);
    if (!again || again.result.error || !this.shows(again.result.findings, true)) return null;
    return again;
  }

  /** Candidates in order until a fixpoint or the budget: the smallest execution found. */
  async run(origin: Known): Promise<Known> {
    let best = origin;
    for (;;) {
      const next =
        (await this.attempt({ answers: [] }, best)) ??
        (await this.fewerPreemptions(best)) ??
        (await this.switchedTo(best, true)) ??
        (await this.segmentMoved(best)) ??
        (await this.truncated(best)) ??
        (await this.deltaDebugged(best)) ??
        (await this.switchedTo(best, false));
      if (!next) return best;
      best = next;
    }
  }

  /** Let a preempted goroutine go on instead: then follow the rest of the plan, or nothing more. */
  private async fewerPreemptions(best: Known): Promise<Known | null> {
    for (let i = 0; i < best.decisions.length && !this.spent(); i++) {
      const d = best.decisions[i]!;
      if (!isPreemption(d) || d.type !== 'thread') continue;
      const stop = [...best.choices.slice(0, i), d.last];
      const keep = best.choices.slice();
      keep[i] = d.last;
      for (const answers of [stop, keep]) {
        const found = await this.attempt({ answers }, best);
        if (found) return found;
      }
    }
    return null;
  }

  /**
   * At a context switch (a preemption, or else a switch away from a blocked goroutine), run another of the
   * goroutines offered, or fire the timer, then go on without preemption: moves the one preemption a bug
   * needs to where it needs it, and brings the goroutines that matter forward.
   */
  private async switchedTo(best: Known, preemptions: boolean): Promise<Known | null> {
    for (let i = 0; i < best.decisions.length && !this.spent(); i++) {
      const d = best.decisions[i]!;
      if (d.type !== 'thread' || d.answer === d.last || isPreemption(d) !== preemptions) continue;
      for (const other of d.options) {
        if (other === d.answer) continue;
        const found = await this.attempt({ answers: [...best.choices.slice(0, i), other] }, best);
        if (found) return found;
      }
    }
    return null;
  }

  /**
   * The execution as stretches of one goroutine's steps (a timer firing is a stretch of its own): leave one
   * stretch out (its goroutine then runs only when nothing planned can), or run it earlier, right before
   * another. Reorders whole pieces of work, which single answers cannot: e.g. a goroutine started late that
   * needs to be preempted once, early; or goroutines that play no part, moved out of the way.
   */
  private async segmentMoved(best: Known): Promise<Known | null> {
    const byStep = best.logged.log.threadOf;
    if (byStep.length !== best.steps) return null;
    const choices = best.decisions.flatMap((d) => (d.type === 'choice' ? [d.answer] : []));
    const segments: number[][] = [];
    for (const t of byStep) {
      const lastSegment = segments[segments.length - 1];
      if (lastSegment && lastSegment[0] === t) lastSegment.push(t);
      else segments.push([t]);
    }
    for (let j = 0; j < segments.length && !this.spent(); j++) {
      const found = await this.attempt({ byStep: segments.filter((_, k) => k !== j).flat(), choices }, best);
      if (found) return found;
    }
    for (let j = 1; j < segments.length; j++) {
      for (let i = 0; i < j; i++) {
        if (this.spent()) return null;
        const moved = [...segments.slice(0, i), segments[j]!, ...segments.slice(i, j), ...segments.slice(j + 1)];
        const found = await this.attempt({ byStep: moved.flat(), choices }, best);
        if (found) return found;
      }
    }
    return null;
  }

  /** The first 0, 1/8, 2/8, ... of the answers, completed without preemption. */
  private async truncated(best: Known): Promise<Known | null> {
    const n = best.choices.length;
    for (let k = 0; k < 8 && !this.spent(); k++) {
      const found = await this.attempt({ answers: best.choices.slice(0, Math.floor((n * k) / 8)) }, best);
      if (found) return found;
    }
    return null;
  }

  /** Delta debugging: remove one of 2, 4, 8, ... equal chunks of the answers. */
  private async deltaDebugged(best: Known): Promise<Known | null> {
    const n = best.choices.length;
    for (let chunks = 2; chunks <= 2 * n; chunks *= 2) {
      const size = Math.max(1, Math.ceil(n / chunks));
      for (let start = 0; start < n; start += size) {
        if (this.spent()) return null;
        const answers = [...best.choices.slice(0, start), ...best.choices.slice(start + size)];
        const found = await this.attempt({ answers }, best);
        if (found) return found;
      }
      if (size === 1) break;
    }
    return null;
  }
}
