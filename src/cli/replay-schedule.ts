/**
 * The schedule `simcc replay` follows: `--schedule S` or `--schedule-file F` (exactly one). A file holds the
 * schedule as printed (surrounding whitespace ignored), checked with the runtime's decoder like --schedule.
 */
import { readFileSync } from 'node:fs';
import { decodeSchedule } from '../runtime/schedule.js';
import { UsageError } from './options.js';

export function replaySchedule(flags: { schedule?: string; scheduleFile?: string }): string {
  if (flags.schedule !== undefined && flags.scheduleFile !== undefined) throw new UsageError('give either --schedule or --schedule-file, not both');
  if (flags.schedule !== undefined) return flags.schedule;
  if (flags.scheduleFile === undefined) throw new UsageError("required option '--schedule <s>' not specified (or --schedule-file <file>)");
  const file = flags.scheduleFile;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--schedule-file ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : `cannot read it (${code ?? 'error'})`}`);
  }
  const schedule = text.trim();
  try {
    decodeSchedule(schedule);
  } catch (err) {
    throw new UsageError(`--schedule-file ${file}: not a schedule printed by simcc (${String((err as Error)?.message ?? err)})`);
  }
  return schedule;
}
