/**
 * The watchdog's limit on importing a scenario (harness/protocol.ts importTimeoutMs): --sync-timeout
 * when the user gave it, else at least DEFAULT_IMPORT_TIMEOUT_MS, so a slow worker start on a busy
 * machine is not blamed on the scenario.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_TIMEOUT_MS, DEFAULT_SYNC_TIMEOUT_MS, importTimeoutMs } from '../../../src/harness/protocol.js';

describe('the import limit', () => {
  it('is at least the floor by default', () => {
    expect(importTimeoutMs({ syncTimeoutMs: DEFAULT_SYNC_TIMEOUT_MS })).toBe(DEFAULT_IMPORT_TIMEOUT_MS);
    expect(DEFAULT_IMPORT_TIMEOUT_MS).toBeGreaterThan(DEFAULT_SYNC_TIMEOUT_MS);
  });
  it('follows a longer step limit', () => {
    expect(importTimeoutMs({ syncTimeoutMs: 30_000 })).toBe(30_000);
  });
  it('is exactly --sync-timeout when given', () => {
    expect(importTimeoutMs({ syncTimeoutMs: 500, importTimeoutMs: 500 })).toBe(500);
  });
});
