/**
 * Colour for human output: only when stdout supports it (a TTY, or FORCE_COLOR) and --no-color was not given.
 * JSON output never goes through chalk.
 */
import { Chalk, supportsColor, type ChalkInstance } from 'chalk';

export function makeChalk(color: boolean): ChalkInstance {
  const level = color && process.stdout.isTTY && supportsColor ? supportsColor.level : 0;
  return new Chalk({ level });
}
