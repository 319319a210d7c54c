/** Stack frames to positions: paths with spaces and parentheses keep their locations (issue 12, item 7). */
import { describe, expect, it } from 'vitest';
import { parseFrame } from '../../../src/runtime/locations.js';

describe('parseFrame', () => {
  it('reads `at fn (PATH:L:C)` and `at PATH:L:C`, whatever the path holds', () => {
    expect(parseFrame('    at Object.body (/home/u/My Projects (old)/x.ts:10:19)')).toEqual({ file: '/home/u/My Projects (old)/x.ts', line: '10', col: '19' });
    expect(parseFrame('    at async /tmp/with space/x.ts:3:7')).toEqual({ file: '/tmp/with space/x.ts', line: '3', col: '7' });
    expect(parseFrame('    at fn (file:///tmp/with%20space/x.ts:1:2)')).toEqual({ file: 'file:///tmp/with%20space/x.ts', line: '1', col: '2' });
    expect(parseFrame('    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)')).toEqual({ file: 'node:internal/process/task_queues', line: '95', col: '5' });
  });
  it('has no position for frames without one', () => {
    expect(parseFrame('    at async Promise.all (index 0)')).toBeUndefined();
    expect(parseFrame('Error: boom')).toBeUndefined();
  });
});
