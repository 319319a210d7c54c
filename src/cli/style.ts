/**
 * Colour for human output: only when stdout supports it (chalk's detection: a colour TTY, or FORCE_COLOR),
 * --no-color was not given and NO_COLOR is not set to a non-empty value (https://no-color.org: it wins over
 * FORCE_COLOR). JSON output never goes through chalk.
 */
import { Chalk, supportsColor, type ChalkInstance } from 'chalk';

export function colorAllowed(color: boolean, env: Record<string, string | undefined> = process.env): boolean {
  const noColor = env['NO_COLOR'];
  return color && !(noColor !== undefined && noColor !== '');
}

export function makeChalk(color: boolean, env: Record<string, string | undefined> = process.env): ChalkInstance {
  const level = colorAllowed(color, env) && supportsColor ? supportsColor.level : 0;
  return new Chalk({ level });
}
