/**
 * Long schedules on disk: a reproduce line with a 150 KB schedule would exceed what a shell accepts, so a
 * schedule longer than MAX_INLINE_SCHEDULE is written to `.simcc/schedule-<hash>.txt` below the working folder
 * (named by its content: the same schedule, the same file, the same printed command) and replayed with
 * `simcc replay FILE --schedule-file F`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const MAX_INLINE_SCHEDULE = 4096;
export const SCHEDULE_DIR = '.simcc';

/** Writes the schedule and returns its path as printed (relative to the working folder). */
export function writeScheduleFile(schedule: string, cwd: string = process.cwd()): string {
  const hash = createHash('sha256').update(schedule).digest('hex').slice(0, 16);
  const rel = `${SCHEDULE_DIR}/schedule-${hash}.txt`;
  try {
    mkdirSync(path.join(cwd, SCHEDULE_DIR), { recursive: true });
    writeFileSync(path.join(cwd, rel), `${schedule}\n`);
  } catch (err) {
    return `(could not write the schedule to ${rel}: ${(err as NodeJS.ErrnoException).code ?? 'error'}; it is in the --json report)`;
  }
  return rel;
}
