#!/usr/bin/env node
// Regenerates the example reports of README.md's "What simcc finds" section from the current simcc (build it
// first: npm run build), so that every reproduce command the README prints works as printed. Run from the
// repository root: `node docs/tools/readme-examples.mjs` (add --check to only list the stale examples).
//
// Each section `### \`KIND\`` (or `#### \`KIND\``, the Rust flavour's) names its scenario (From `FILE`:) and
// holds one report in a ``` block. The
// report is rerun from the block's `--seed` command; when that seed no longer shows KIND, the first seed from 1
// on that does is taken. Timelines longer than 12 steps are cut to their last 4 (as "…").
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const README = 'README.md';
const BIN = 'bin/simcc.js';
const check = process.argv.includes('--check');
const env = { ...process.env, NO_COLOR: '1' };
delete env.npm_command;
delete env.npm_lifecycle_event;

function simcc(args) {
  try {
    return execFileSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    return err.stdout ?? '';
  }
}

/** The words of a printed command after `node bin/simcc.js` (single-quoted words unquoted). */
function words(command) {
  const out = [];
  for (const m of command.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)) out.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]);
  return out.slice(2);
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

function report(kind, args) {
  const out = simcc(args).replace(/\n+$/, '');
  const lines = out.split('\n');
  if (!lines.some((l) => l.startsWith(`${kind}: `))) return undefined;
  return cutTimeline(lines.slice(2)).join('\n');
}

const text = readFileSync(README, 'utf8');
const section = /(#{3,4}) `([a-z-]+)`\n\n([^\n]*From `([^`]+)`:)\n\n```\n([\s\S]*?)\n```/g;
let stale = 0;
const updated = text.replace(section, (whole, hashes, kind, intro, file, block) => {
  const seedLine = block.split('\n').find((l) => /^ {2}node bin\/simcc\.js run .* --seed \d+/.test(l));
  if (!seedLine) return whole;
  const args = words(seedLine.trim());
  let fresh = report(kind, args);
  // The seed no longer shows KIND (simcc changed): the first seed from 1 on whose first finding is KIND.
  const rest = args.filter((a, i) => a !== '--seed' && args[i - 1] !== '--seed');
  for (let seed = 1; fresh === undefined && seed <= 40; seed++) {
    const doc = JSON.parse(simcc([...rest, '--seed', String(seed), '--json']) || '{}');
    if (doc.findings?.[0]?.kind === kind) fresh = report(kind, [...rest, '--seed', String(seed)]);
  }
  if (fresh === undefined) {
    process.stderr.write(`${kind}: ${file} no longer shows ${kind}; left as it is\n`);
    return whole;
  }
  if (fresh === block) return whole;
  stale++;
  process.stdout.write(`${check ? 'stale' : 'updated'}: ${kind} (${file})\n`);
  return `${hashes} \`${kind}\`\n\n${intro}\n\n\`\`\`\n${fresh}\n\`\`\``;
});
if (!check && updated !== text) writeFileSync(README, updated);
process.stdout.write(`${stale} example${stale === 1 ? '' : 's'} ${check ? 'stale' : 'updated'}\n`);
process.exitCode = check && stale > 0 ? 1 : 0;
