/**
 * Shared checks for the ports of Go's race-detector tests (src/runtime/race/testdata/*_test.go).
 *
 * Go's convention: a `TestRace*` test must make the race detector report, a `TestNoRace*` test must
 * not. Here each test is an inline simcc scenario explored exhaustively (DPOR):
 * - `expectRace(s, on)`: some interleaving has a finding of the expected kind (`data-race` unless
 *   told otherwise) on the named variable(s) — every finding is listed (`all`), so a test checks the
 *   race Go's test is about, not merely some race;
 * - `expectNoRace(s)`: the exploration is complete and found nothing (optionally tolerating `leak`,
 *   for the Go tests that leave a goroutine blocked when the test function returns: Go's testing
 *   package does not look for leaks, simcc does).
 */
import { expect, it } from 'vitest';
import { scenario, type Scenario } from '../../../src/api/scenario.js';
import type { FindingKind } from '../../../src/findings.js';
import { exploreScenario, humanReport, type ExploreResult } from '../../../src/testing.js';

export interface RaceOptions {
  /** The finding kind Go's race report maps to in simcc (default 'data-race'). */
  kind?: FindingKind | FindingKind[];
  /** 'synctest': timers fire only when every goroutine is blocked (Go's sleeps used only to order a test). */
  time?: 'free' | 'synctest';
  /**
   * A known simcc defect makes this port fail: the test is registered with `it.fails`, so it fails
   * loudly (as a passing `it.fails`) once simcc is fixed. The text says what is wrong.
   */
  simccDefect?: string;
}

/**
 * Is the finding about `name`? Its message names the variable (`data race on 'x': …`, `… on channel
 * 'c': …`); a map's finding has Go's own text, and names the map in its `object` (`map 'm'`).
 */
function mentions(f: { message: string; object?: unknown }, name: string): boolean {
  return f.message.includes(`'${name}'`) || (typeof f.object === 'string' && f.object.includes(`'${name}'`));
}

/**
 * Explores `s` and expects a finding of `kind` on one of the variables `on` (a variable's,
 * channel's or map's name as given to simcc). Returns the result for further checks.
 */
export async function expectRace(s: Scenario, on: string | string[] | null, opts: RaceOptions = {}): Promise<ExploreResult> {
  const kinds = ([] as FindingKind[]).concat(opts.kind ?? 'data-race');
  const names = on === null ? [] : ([] as string[]).concat(on);
  const hits = (x: ExploreResult) =>
    x.findings.some((f) => kinds.includes(f.kind as FindingKind) && (names.length === 0 || names.some((n) => mentions(f as { message: string; object?: unknown }, n))));
  const time = opts.time && { time: opts.time };
  // The first finding is usually the one; if not (another finding came first), list them all.
  let r = await exploreScenario(s, { ...time });
  if (!hits(r) && r.verdict !== 'error') r = await exploreScenario(s, { all: true, ...time });
  const hit = hits(r);
  if (!hit) {
    const found = r.findings.map((f) => `${f.kind}: ${f.message}`).join('\n  ') || 'nothing';
    expect.fail(
      `expected ${kinds.join(' or ')}${names.length ? ` on ${names.map((n) => `'${n}'`).join(' or ')}` : ''} in '${s.name}' ` +
        `(verdict ${r.verdict}, ${r.executions} executions, complete ${r.complete}); found:\n  ${found}\n\n${humanReport(r)}`,
    );
  }
  return r;
}

export interface NoRaceOptions {
  /** Finding kinds that are not what the Go test checks (only 'leak': a goroutine Go leaves blocked). */
  allow?: FindingKind[];
  time?: 'free' | 'synctest';
}

/** Explores every interleaving of `s` and expects none to have a finding (other than `allow`ed ones). */
export async function expectNoRace(s: Scenario, opts: NoRaceOptions = {}): Promise<ExploreResult> {
  const allow = opts.allow ?? [];
  const r = await exploreScenario(s, { ...(allow.length > 0 && { all: true }), ...(opts.time && { time: opts.time }) });
  const bad = r.findings.filter((f) => !allow.includes(f.kind as FindingKind));
  if (r.verdict === 'error' || bad.length > 0 || !r.complete) {
    expect.fail(
      `expected no findings in '${s.name}' over every interleaving, got verdict ${r.verdict}, complete ${r.complete}, ` +
        `${r.executions} executions:\n\n${humanReport(r)}`,
    );
  }
  if (allow.length > 0) {
    // The tolerated finding must be the one the comment in the test names, not a stand-in for a race.
    for (const f of r.findings) expect(allow).toContain(f.kind);
  }
  return r;
}

/** Registers `it(name)`: Go's `TestRace*` test `name`, ported as `body`, must report a race on `on`. */
export function race(name: string, on: string | string[] | null, body: () => Promise<void>, opts: RaceOptions = {}): void {
  (opts.simccDefect ? it.fails : it)(name, async () => {
    await expectRace(scenario(name, body), on, opts);
  });
}

/** Registers `it(name)`: Go's `TestNoRace*` test `name`, ported as `body`, must report nothing on any interleaving. */
export function noRace(name: string, body: () => Promise<void>, opts: NoRaceOptions = {}): void {
  it(name, async () => {
    await expectNoRace(scenario(name, body), opts);
  });
}
