/**
 * `--html FILE`: one self-contained page (inline CSS, JS and SVG; nothing fetched) that shows the execution of a
 * finding: a lane per goroutine, its steps in order with virtual time, the happens-before edges between lanes
 * (html-edges.ts), the racing accesses or the deadlocked goroutines' final waits (and who holds what they wait
 * for) highlighted, step forward/back, the source line of the selected step, and the commands that reproduce it.
 *
 * Invariants: the page depends only on its input (same report, same bytes); the data is embedded as JSON that
 * cannot end the script element early; a trace too long to draw keeps its last MAX_ROWS steps and says so.
 */
import { readFileSync } from 'node:fs';
import type { Finding, TraceEvent } from '../findings.js';
import { happensBeforeEdges, type LanePoint } from './html-edges.js';
import { PAGE_SCRIPT, PAGE_STYLE } from './html-page.js';

export const MAX_ROWS = 2000;
const MAX_SOURCE_BYTES = 512 * 1024;

export interface HtmlInput {
  /** The scenario file as the user gave it. */
  file: string;
  scenario: string;
  finding: Finding;
  trace: readonly TraceEvent[];
  /** The commands that reproduce the finding, as the report prints them. */
  reproduce: readonly string[];
  /** The flavour's word for a thread (default 'goroutine'), in the step panel. */
  thread?: string;
  /** Reads a source file named in a location (tests pass their own); default: the file system. */
  readSource?: (path: string) => string | undefined;
}

/** What the page's script draws (see html-page.ts). */
export interface PageData {
  scenario: string;
  file: string;
  kind: string;
  message: string;
  details: string[];
  lanes: { id: number; name: string }[];
  rows: { step: number; time: number; thread: number; name: string; what: string; at?: string }[];
  /** Steps before the first row that are not drawn. */
  elided: number;
  woken: LanePoint[];
  edges: { from: LanePoint; to: LanePoint }[];
  /** Rows the finding is about: the racing accesses, or each involved goroutine's final step (its wait). */
  marked: { row: number; thread: number; role: string; waitAt?: string }[];
  /** Lanes of the goroutines involved in the finding. */
  involved: number[];
  /** "A waits for B" arrows of a deadlock: from A's final step to B's lane, with what B holds. */
  waits: { from: number; to: number; row: number; what: string }[];
  reproduce: string[];
  sources: Record<string, string[]>;
}

function sourceReader(path: string): string | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    return text.length <= MAX_SOURCE_BYTES ? text : undefined;
  } catch {
    return undefined;
  }
}

/** `file:line:col` → its file part (a path may contain ':' only in its drive letter, which we do not split). */
export function locationFile(loc: string): string {
  const m = /^(.*?):(\d+)(?::\d+)?$/.exec(loc);
  return m ? m[1]! : loc;
}

export function pageData(input: HtmlInput): PageData {
  const { finding } = input;
  const elided = Math.max(0, input.trace.length - MAX_ROWS);
  const trace = input.trace.slice(elided);
  const rows = trace.map((e) => ({
    step: e.step,
    time: e.time,
    thread: e.thread,
    name: e.threadName,
    what: e.what,
    ...(e.at !== undefined && { at: e.at }),
  }));

  const laneNames = new Map<number, string>();
  for (const e of trace) if (!laneNames.has(e.thread)) laneNames.set(e.thread, e.threadName);
  for (const t of finding.threads) if (!laneNames.has(t.id)) laneNames.set(t.id, t.name);
  const lanes = [...laneNames.entries()].sort((a, b) => a[0] - b[0]).map(([id, name]) => ({ id, name }));

  const edges = happensBeforeEdges(trace);
  const woken: LanePoint[] = [];
  trace.forEach((e, row) => {
    for (const w of e.woke ?? []) woken.push({ row, thread: w.thread, woken: true });
  });

  const lastRow = new Map<number, number>();
  trace.forEach((e, row) => lastRow.set(e.thread, row));
  const marked: PageData['marked'] = [];
  const waits: PageData['waits'] = [];
  if (finding.accesses && finding.accesses.length > 0) {
    finding.accesses.forEach((a, i) => {
      const row = trace.findIndex((e) => e.step === a.step && e.thread === a.thread.id);
      const r = row >= 0 ? row : lastRow.get(a.thread.id);
      if (r !== undefined) marked.push({ row: r, thread: a.thread.id, role: `${i === 0 ? '' : 'previous '}${a.op}` });
    });
  } else {
    for (const t of finding.threads) {
      const row = lastRow.get(t.id);
      if (row === undefined || t.state === 'finished') continue;
      const role = t.state === 'blocked' ? `final wait: ${t.waitingOn ?? 'blocked'}` : (t.waitingOn ?? t.state);
      marked.push({ row, thread: t.id, role, ...(t.at !== undefined && { waitAt: t.at }) });
      // Who holds what it waits for: the edges of a wait-for cycle.
      for (const h of finding.threads) {
        if (h === t) continue;
        const held = (h.holds ?? []).find((x) => t.waitingOn?.includes(x.what));
        if (held) waits.push({ from: t.id, to: h.id, row, what: held.what });
      }
    }
  }

  const sources: Record<string, string[]> = {};
  const read = input.readSource ?? sourceReader;
  for (const at of [...rows.map((r) => r.at), ...marked.map((m) => m.waitAt)]) {
    if (!at) continue;
    const f = locationFile(at);
    if (f in sources) continue;
    const text = read(f);
    if (text !== undefined) sources[f] = text.split(/\r?\n/);
  }

  return {
    scenario: input.scenario,
    file: input.file,
    kind: finding.kind,
    message: finding.message,
    details: finding.details ?? [],
    lanes,
    rows,
    elided,
    woken,
    edges,
    marked,
    involved: finding.threads.map((t) => t.id),
    waits,
    reproduce: [...input.reproduce],
    sources,
  };
}

/** JSON safe inside <script>: no `</script>`, no `<!--`, no line separators JavaScript would choke on. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page's script, with the flavour's word for a thread in the step panel (Go's page is the script as written). */
function pageScript(thread: string): string {
  return thread === 'goroutine' ? PAGE_SCRIPT : PAGE_SCRIPT.replace("' ms · goroutine <b>'", `' ms · ${thread} <b>'`);
}

export function renderHtml(input: HtmlInput): string {
  const data = pageData(input);
  const title = `simcc: ${data.kind} in ${data.scenario}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
  <h1><span class="kind">${escapeHtml(data.kind)}</span> <span id="message">${escapeHtml(data.message)}</span></h1>
  <p class="sub">scenario '${escapeHtml(data.scenario)}' — ${escapeHtml(data.file)}</p>
  <div id="reproduce">${data.reproduce.map((c) => `<code>${escapeHtml(c)}</code>`).join('')}</div>
</header>
<nav>
  <button id="back" title="previous step (←)">◀ back</button>
  <button id="forward" title="next step (→)">forward ▶</button>
  <span id="position"></span>
  <label><input type="checkbox" id="show-edges" checked> happens-before edges</label>
</nav>
<main>
  <div id="timeline"></div>
  <aside id="panel">
    <div id="step-info"></div>
    <pre id="source"></pre>
    <div id="legend"></div>
  </aside>
</main>
<script id="simcc-data" type="application/json">${scriptJson(data)}</script>
<script>${pageScript(input.thread ?? 'goroutine')}</script>
</body>
</html>
`;
}
