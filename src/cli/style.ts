/**
 * Colour for human output: only when stdout supports it (chalk's detection: a colour TTY, or FORCE_COLOR) and
 * --no-color was not given. JSON output never goes through chalk.
 */
import { Chalk, supportsColor, type ChalkInstance } from 'chalk';

export function makeChalk(color: boolean): ChalkInstance {
  const level = color && supportsColor ? supportsColor.level : 0;
  return new Chalk({ level });
}
