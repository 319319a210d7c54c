/** Quoting for commands printed to be pasted into a POSIX shell. */

/** Quotes a word for a POSIX shell, only when it needs quoting (schedules are always quoted). */
export function shellQuote(word: string, always = false): string {
  if (!always && /^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
