/**
 * `simcc merge REPORT…`: joins the `--json` reports of one sharded run. Reports of
 * `simcc check --shard i/n` are joined here (into the document one unsharded check would print, so
 * every reporter renders it); reports of `simcc explore --shard i/n` go to explore's merge.
 *
 * Invariant: a merged check document equals the document of the unsharded check: results in sorted
 * file order, the summary recounted, no `shard` field. Every shard of the split must be there exactly
 * once, from the same kind of check; anything else is a usage error naming what is wrong.
 */
import { readFile } from 'node:fs/promises';
import { checkDocument, checkDocumentExitCode, type CheckDocument } from '../report/check.js';
import { claimOutput, emit, reporterOf, type ReporterName } from './check.js';
import { mergeCommand, type MergeFlags } from './explore.js';
import { UsageError } from './options.js';
import { makeChalk } from './style.js';

export interface AnyMergeFlags extends MergeFlags {
  reporter?: ReporterName;
  output?: string;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((err as Error).message)}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${file}: not JSON (expected the output of simcc check --json or simcc explore --json)`);
  }
}

const isCheckDocument = (x: unknown): boolean => typeof x === 'object' && x !== null && Array.isArray((x as { results?: unknown }).results);

export async function mergeAnyCommand(files: string[], flags: AnyMergeFlags): Promise<number> {
  const docs = await Promise.all(files.map(readJson));
  const checks = docs.filter(isCheckDocument).length;
  if (checks === 0) {
    if (flags.reporter !== undefined && flags.reporter !== 'human' && flags.reporter !== 'json') throw new UsageError(`--reporter ${flags.reporter} applies to check reports, not to explore reports`);
    if (flags.output !== undefined) throw new UsageError('--output applies to check reports, not to explore reports');
    return mergeCommand(files, { ...flags, json: flags.json === true || flags.reporter === 'json' });
  }
  if (checks < docs.length) throw new UsageError('the reports mix simcc check and simcc explore reports: merge one kind at a time');
  const reporter = reporterOf(flags);
  const merged = mergeCheckDocuments(docs as CheckDocument[], files);
  await claimOutput(flags.output);
  await emit(merged, reporter, flags.output, makeChalk(flags.color), false);
  return checkDocumentExitCode(merged);
}

/** The one document of an unsharded check, from its shards' documents. */
export function mergeCheckDocuments(docs: CheckDocument[], names: string[]): CheckDocument {
  const first = docs[0]!;
  const count = first.shard?.count;
  if (count === undefined) {
    if (docs.length === 1) return first;
    throw new UsageError(`${names[0]}: not a report of simcc check --shard i/n: only sharded check reports can be merged`);
  }
  const seen = new Set<number>();
  docs.forEach((d, i) => {
    if (!d.shard || d.shard.count !== count) throw new UsageError(`${names[i]}: from a different split (--shard i/n with a different n)`);
    if (d.mode !== first.mode) throw new UsageError(`${names[i]}: a check ${d.mode === 'explore' ? 'with' : 'without'} --explore, unlike ${names[0]}`);
    if (Boolean(d.failOnIncomplete) !== Boolean(first.failOnIncomplete)) throw new UsageError(`${names[i]}: --fail-on-incomplete differs from ${names[0]}`);
    if (seen.has(d.shard.index)) throw new UsageError(`shard ${d.shard.index}/${count} is given twice`);
    seen.add(d.shard.index);
  });
  const missing = [];
  for (let i = 1; i <= count; i++) if (!seen.has(i)) missing.push(`${i}/${count}`);
  if (missing.length > 0) throw new UsageError(`shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} missing: a merged check must hold every scenario`);
  const results = docs.flatMap((d) => d.results).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const skipped = [...new Set(docs.flatMap((d) => d.skipped ?? []))].sort();
  return checkDocument(first.mode, results, skipped, { ...(first.failOnIncomplete && { failOnIncomplete: true }) });
}
