/**
 * The reports of `simcc explore` and `simcc merge`: the JSON document (the contract's fields, then what
 * the exploration covered) and the human report (each finding as `run` prints it, then one summary line).
 *
 *   explored 24 executions (dpor): complete, every interleaving covered up to equivalence
 *   explored 1,000 executions (dpor): incomplete: --max-executions 1000 reached (longest execution 41 steps, 3 of 64 tasks)
 *   explored 310 executions (dpor, preemption bound 2): complete up to 2 preemptions, every interleaving with at most 2 covered up to equivalence; the bound left executions out
 *   explored 24 executions (dpor) after 200 probes (100 PCT, 100 random): complete, every interleaving covered up to equivalence
 *   stopped at PCT probe 3, before the DPOR proof: incomplete: stopped at the first finding, --all explores on
 *
 * A finding a probe made is introduced by "found by PCT probe 3 (seed 2), before the DPOR proof"; in the
 * JSON every finding says its `phase` ('pct', 'random' or 'dpor'), and `probes` what the probes ran.
 *
 * Invariant: the JSON of a report holds nothing machine- or time-dependent (no timings), so the same
 * exploration gives the same bytes; the human summary is derived from the same fields.
 */
import type { ChalkInstance } from 'chalk';
import type { Finding } from '../findings.js';
import type { ExploreReport } from '../harness/explore.js';
import { MEMORY_SHARE, placeKey } from '../harness/explore.js';
import { renderRun } from './human.js';
import { findingDocument, runDocument } from './json.js';
import type { ReproduceContext } from './reproduce.js';
import { reproduceCommands } from './reproduce.js';
import { exitCodeOf, type Verdict } from './verdict.js';

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

export function exploreDocument(file: string, report: ExploreReport): Record<string, unknown> {
  const doc = runDocument(file, report);
  return {
    ...doc,
    findings: report.findings.map((f, i) => ({ ...findingDocument(f), execution: report.foundIn[i], ...report.phases?.[i] })),
    ...(report.bound && { bound: report.bound }),
    ...(report.fairYields && { fairYields: true }),
    ...(report.stoppedBy && { stoppedBy: report.stoppedBy }),
    ...(report.probes && { probes: report.probes }),
    maxDepth: report.maxDepth,
    pruned: report.pruned,
    tasks: report.tasks,
    ...(report.shard && { shard: report.shard }),
  };
}

export interface ExploreContext extends ReproduceContext {
  maxExecutions?: number;
  maxTimeS?: number;
}

/** "complete, …" or "incomplete: why (what was covered)". */
/** What a complete exploration under the fair-yield rule adds (yield.ts): the pruning it did, stated. */
export const FAIR_YIELDS_NOTE =
  'under fair yields: a thread that yields runs again only after the threads that could run at its yield have stepped, so schedules in which it runs on at once were not explored';

export function coverageText(report: Pick<ExploreReport, 'strategy' | 'complete' | 'stoppedBy' | 'bound' | 'maxDepth' | 'tasks' | 'error' | 'findings' | 'fairYields'>, ctx: Pick<ExploreContext, 'maxExecutions' | 'maxTimeS'>): string {
  if (report.complete) {
    const covered = report.strategy === 'dfs' ? 'complete, every interleaving covered' : 'complete, every interleaving covered up to equivalence';
    return report.fairYields ? `${covered} ${FAIR_YIELDS_NOTE}` : covered;
  }
  const covered = `longest execution ${plural(report.maxDepth, 'step')}, ${report.tasks.explored} of ${report.tasks.total} tasks`;
  if (report.error) return `incomplete: stopped at a scenario error (${covered})`;
  switch (report.stoppedBy) {
    case 'finding':
      return `incomplete: stopped at the first finding, --all explores on (${covered})`;
    case 'max-executions':
      return `incomplete: ${ctx.maxExecutions !== undefined ? `--max-executions ${ctx.maxExecutions}` : 'the execution budget'} reached (${covered})`;
    case 'max-time':
      return `incomplete: ${ctx.maxTimeS !== undefined ? `--max-time ${ctx.maxTimeS} s` : 'the time budget'} reached (${covered})`;
    case 'memory':
      return `incomplete: the explorer's state filled ${Math.round(MEMORY_SHARE * 100)}% of its memory (${covered})`;
    default:
      break;
  }
  if (report.bound && report.tasks.explored === report.tasks.total) {
    const k = report.bound.preemptions;
    const upTo = report.strategy === 'dfs' ? 'covered' : 'covered up to equivalence';
    return `complete up to ${plural(k, 'preemption')}, every interleaving with at most ${k} ${upTo}; the bound left executions out`;
  }
  return `incomplete (${covered})`;
}

const PHASE_NAMES: Record<string, string> = { pct: 'PCT', random: 'random', dpor: 'DPOR' };

/** "PCT", "random", "DPOR", or for a bounded probe "preemption-bounded (at most 1 preemption)". */
function phaseName(phase: string): string {
  const bound = /^preemption-bound-(\d+)$/.exec(phase);
  if (bound) return `preemption-bounded (at most ${plural(Number(bound[1]), 'preemption')})`;
  return PHASE_NAMES[phase] ?? phase;
}

/** "found by PCT probe 3 (seed 2), before the DPOR proof" for a probe's finding, else null. */
export function phaseLine(report: Pick<ExploreReport, 'strategy' | 'phases' | 'findings'>, i: number): string | null {
  const tag = report.phases?.[i];
  if (!tag || tag.phase === 'dpor') return null;
  const seed = report.findings[i]?.seed;
  return `found by ${phaseName(tag.phase)} probe ${tag.probe ?? '?'}${seed !== undefined ? ` (seed ${seed})` : ''}, before the ${report.strategy.toUpperCase()} proof`;
}

export function summaryLine(report: ExploreReport, ctx: ExploreContext): string {
  const how = report.bound ? `${report.strategy}, preemption bound ${report.bound.preemptions}` : report.strategy;
  const found = report.findings.length > 0 ? `, ${plural(report.findings.length, 'finding')}` : '';
  const p = report.probes;
  // Without --all a probe's finding ends the exploration before the proof.
  const first = report.phases?.[0];
  if (p && first && report.stoppedBy === 'finding' && first.phase !== 'dpor') {
    return `stopped at ${phaseName(first.phase)} probe ${first.probe ?? p.executions} of ${p.planned}, before the ${report.strategy.toUpperCase()} proof: incomplete: stopped at the first finding, --all explores on${found}`;
  }
  const probes = p && p.executions > 0 ? ` after ${plural(p.executions, 'probe')} (${p.pct} PCT, ${p.random} random${p.bounded ? `, ${p.bounded} preemption-bounded` : ''})` : '';
  return `explored ${plural(report.executions, 'execution')} (${how})${probes}: ${coverageText(report, ctx)}${found}`;
}

export function renderExplore(report: ExploreReport, ctx: ExploreContext, c: ChalkInstance): string {
  const parts: string[] = [];
  report.findings.forEach((f, i) => {
    const one = { ...report, findings: [f], executions: report.foundIn[i] ?? report.executions, ...(report.traces[i] ? { trace: report.traces[i] } : { trace: undefined }) };
    const by = phaseLine(report, i);
    parts.push(`${by ? `${c.bold(by)}\n` : ''}${renderRun(one, { ...ctx, firstSeed: 1 }, c)}`);
  });
  const summary = summaryLine(report, ctx);
  parts.push(`${report.complete ? c.green(summary) : summary}\n`);
  return parts.join('\n');
}

// ---- simcc merge -----------------------------------------------------------------------------

/** What `merge` reads from each shard's JSON document. */
export interface ShardDocument {
  file: string;
  scenario: string;
  verdict: Verdict;
  strategy: string;
  executions: number;
  complete: boolean;
  findings: (Finding & { execution?: number })[];
  error?: { message: string; location?: string };
  shard?: { index: number; count: number };
  bound?: { preemptions: number; cut: boolean };
  fairYields?: boolean;
  maxDepth?: number;
  pruned?: number;
  tasks?: { total: number; explored: number };
  stoppedBy?: string;
}

/** Read one shard document; a one-line reason when it is not one. */
export function asShardDocument(x: unknown, name: string): ShardDocument | string {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return `${name}: not a JSON object from simcc explore --json`;
  const d = x as Record<string, unknown>;
  const need: [string, string][] = [
    ['file', 'string'],
    ['scenario', 'string'],
    ['verdict', 'string'],
    ['strategy', 'string'],
    ['executions', 'number'],
    ['complete', 'boolean'],
  ];
  for (const [k, t] of need) if (typeof d[k] !== t) return `${name}: not a report of simcc explore --json (field '${k}' missing or not a ${t})`;
  if (!Array.isArray(d['findings'])) return `${name}: not a report of simcc explore --json (no 'findings' list)`;
  if (d['strategy'] !== 'dpor' && d['strategy'] !== 'dfs') return `${name}: a report of '${String(d['strategy'])}', not of simcc explore`;
  return d as unknown as ShardDocument;
}

export interface Merged {
  doc: Record<string, unknown>;
  verdict: Verdict;
  findings: Finding[];
  complete: boolean;
  missing: number[];
}

/** Join shard reports into one verdict: complete only when every shard is there and complete. */
export function mergeDocuments(docs: ShardDocument[]): Merged | string {
  const first = docs[0]!;
  for (const d of docs) {
    if (d.file !== first.file || d.scenario !== first.scenario) return `the reports are of different scenarios ('${first.file}' and '${d.file}')`;
    if (d.strategy !== first.strategy) return `the reports were explored differently (${first.strategy} and ${d.strategy})`;
    if ((d.bound?.preemptions ?? -1) !== (first.bound?.preemptions ?? -1)) return 'the reports were explored with different preemption bounds';
  }
  const count = first.shard?.count;
  const missing: number[] = [];
  if (count !== undefined) {
    const seen = new Set<number>();
    for (const d of docs) {
      if (d.shard?.count !== count) return 'the reports come from different splits (--shard i/n with different n)';
      if (seen.has(d.shard.index)) return `shard ${d.shard.index}/${count} is given twice`;
      seen.add(d.shard.index);
    }
    for (let i = 1; i <= count; i++) if (!seen.has(i)) missing.push(i);
  } else if (docs.length > 1) {
    return 'only reports of sharded explorations (--shard i/n) can be merged';
  }
  const findings: (Finding & { execution?: number })[] = [];
  const places = new Set<string>();
  for (const d of docs) {
    for (const f of d.findings) {
      const key = placeKey(f);
      if (places.has(key)) continue;
      places.add(key);
      findings.push(f);
    }
  }
  const error = docs.find((d) => d.error)?.error;
  const complete = missing.length === 0 && docs.every((d) => d.complete);
  const verdict: Verdict = error ? 'error' : findings.length > 0 ? 'fail' : 'pass';
  const doc: Record<string, unknown> = {
    file: first.file,
    scenario: first.scenario,
    verdict,
    strategy: first.strategy,
    executions: docs.reduce((n, d) => n + d.executions, 0),
    complete,
    findings,
    ...(error && { error }),
    ...(first.bound && { bound: { preemptions: first.bound.preemptions, cut: docs.some((d) => d.bound?.cut) } }),
    ...(docs.some((d) => d.fairYields) && { fairYields: true }),
    shards: { count: count ?? 1, merged: docs.length, ...(missing.length > 0 && { missing }) },
    maxDepth: Math.max(0, ...docs.map((d) => d.maxDepth ?? 0)),
    pruned: docs.reduce((n, d) => n + (d.pruned ?? 0), 0),
  };
  return { doc, verdict, findings, complete, missing };
}

export function renderMerged(m: Merged, c: ChalkInstance): string {
  const d = m.doc;
  const lines: string[] = [];
  for (const f of m.findings) {
    lines.push(`${c.red.bold(f.kind)}: ${c.bold(f.message)}`);
    for (const l of f.locations) lines.push(`  at ${c.cyan(l)}`);
    for (const cmd of reproduceCommands([f], { file: String(d['file']) })) lines.push(`  ${c.green(cmd)}`);
    lines.push('');
  }
  const shards = d['shards'] as { count: number; merged: number; missing?: number[] };
  const why = m.complete
    ? `complete, every interleaving covered up to equivalence${d['fairYields'] ? ` ${FAIR_YIELDS_NOTE}` : ''}`
    : m.missing.length > 0
      ? `incomplete: shard${m.missing.length === 1 ? '' : 's'} ${m.missing.map((i) => `${i}/${shards.count}`).join(', ')} missing`
      : 'incomplete: a shard did not finish its part';
  const found = m.findings.length > 0 ? `, ${plural(m.findings.length, 'finding')}` : '';
  lines.push(`merged ${plural(shards.merged, 'shard')}: explored ${plural(Number(d['executions']), 'execution')} (${String(d['strategy'])}): ${why}${found}`);
  return `${lines.join('\n')}\n`;
}

export function mergedExitCode(m: Merged): 0 | 1 | 2 {
  return exitCodeOf(m.verdict);
}
