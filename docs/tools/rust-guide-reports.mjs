#!/usr/bin/env node
// Fills the reports of docs/rust.md from the current simcc (build it first: npm run build). Each place that
// shows a report is marked `<!-- report: scenarios/rust/FILE.ts -->`; the ``` block after the marker (written
// here, replaced on every run) is the report of `simcc run FILE` at the first seed that finds something,
// without its header line, its timeline cut to the last 4 steps when longer than 12, as the README's are.
// Run from the repository root: `node docs/tools/rust-guide-reports.mjs` (add --check to only list stale ones).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const GUIDE = 'docs/rust.md';
const check = process.argv.includes('--check');
const env = { ...process.env, NO_COLOR: '1' };

function run(file) {
  try {
    return execFileSync(process.execPath, ['bin/simcc.js', 'run', file], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    return err.stdout ?? '';
  }
}

function cutTimeline(lines) {
  const start = lines.findIndex((l) => /^timeline \(\d+ steps?\):$/.test(l));
  if (start < 0) return lines;
  let end = start + 1;
  while (end < lines.length && lines[end] !== '') end++;
  const rows = lines.slice(start + 2, end);
  if (rows.length <= 12) return lines;
  return [...lines.slice(0, start + 2), '  …', ...rows.slice(-4), ...lines.slice(end)];
}

const text = readFileSync(GUIDE, 'utf8');
let stale = 0;
const updated = text.replace(/<!-- report: (\S+) -->\n(?:\n```\n[\s\S]*?\n```\n)?/g, (whole, file) => {
  const lines = run(file).replace(/\n+$/, '').split('\n');
  if (lines.length < 3) {
    process.stderr.write(`${file}: no finding; left as it is\n`);
    return whole;
  }
  const fresh = `<!-- report: ${file} -->\n\n\`\`\`\n${cutTimeline(lines.slice(2)).join('\n')}\n\`\`\`\n`;
  if (fresh === whole) return whole;
  stale++;
  process.stdout.write(`${check ? 'stale' : 'updated'}: ${file}\n`);
  return fresh;
});
if (!check && updated !== text) writeFileSync(GUIDE, updated);
process.stdout.write(`${stale} report${stale === 1 ? '' : 's'} ${check ? 'stale' : 'updated'}\n`);
process.exitCode = check && stale > 0 ? 1 : 0;
