import { describe, expect, it } from 'vitest';
import { VarState } from '../../../src/detectors/race.js';
import { VectorClock } from '../../../src/runtime/clock.js';
import type { Thread } from '../../../src/runtime/thread.js';

const thread = (id: number, clock: number[]) => ({ id, clock: new VectorClock(clock) }) as unknown as Thread;

describe('VarState (FastTrack)', () => {
  it('accepts accesses ordered by happens-before', () => {
    const v = new VarState();
    expect(v.write(thread(0, [1]), 1, undefined)).toBeNull();
    expect(v.read(thread(1, [1, 1]), 2, undefined)).toBeNull(); // saw main's clock 1
    expect(v.write(thread(0, [2, 1]), 3, undefined)).toBeNull(); // saw the read
  });

  it('flags write-read, read-write and write-write conflicts', () => {
    const wr = new VarState();
    wr.write(thread(0, [1]), 1, 'a.ts:1:1');
    expect(wr.read(thread(1, [0, 1]), 2, undefined)).toMatchObject({ prevOp: 'write', prev: { tid: 0, at: 'a.ts:1:1' } });

    const rw = new VarState();
    rw.read(thread(0, [1]), 1, undefined);
    expect(rw.write(thread(1, [0, 1]), 2, undefined)).toMatchObject({ prevOp: 'read', prev: { tid: 0 } });

    const ww = new VarState();
    ww.write(thread(0, [1]), 1, undefined);
    expect(ww.write(thread(1, [0, 1]), 2, undefined)).toMatchObject({ prevOp: 'write' });
  });

  it('lets concurrent reads share, then checks a write against each of them', () => {
    const v = new VarState();
    expect(v.read(thread(0, [1, 0, 0]), 1, undefined)).toBeNull();
    expect(v.read(thread(1, [0, 1, 0]), 2, undefined)).toBeNull();
    // goroutine 2 saw goroutine 0's read but not goroutine 1's
    expect(v.write(thread(2, [1, 0, 1]), 3, undefined)).toMatchObject({ prevOp: 'read', prev: { tid: 1 } });
    // a writer that saw both reads is fine
    expect(v.write(thread(2, [1, 1, 1]), 4, undefined)).toBeNull();
  });
});
