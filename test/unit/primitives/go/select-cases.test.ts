import { describe, expect, it } from 'vitest';
import { assert, Channel, select } from '../../../../src/index.js';
import type { Touch } from '../../../../src/runtime/op.js';
import { run, kinds } from '../../../helpers.js';

/** The parts of a select op (go/select.ts) and its cases (go/select-cases.ts) that the protocol fixes. */
interface ProtocolCase {
  touches(): readonly Touch[];
  arrival(): readonly Touch[];
  ready(): boolean;
}
interface SelectOpView {
  cases: readonly ProtocolCase[];
  footprint(): readonly Touch[];
  arrival(): readonly Touch[];
}

/** Every entry of `part` is in `whole`, as a write there when it is one in `part`. */
function covered(part: readonly Touch[], whole: readonly Touch[]): boolean {
  return part.every((x) => whole.some((y) => y.id === x.id && (x.read || !y.read)));
}

describe('select cases on the Selectable protocol (core/selectable.ts)', () => {
  it("a select's footprint is the union of its cases' touches, and its arrival the union of theirs", async () => {
    let checked = false;
    const r = await run(async () => {
      const ready = new Channel<number>(1, { name: 'ready' });
      const unbuffered = new Channel<number>(0, { name: 'unbuffered' });
      await ready.send(7);
      // Without a default select() returns the op itself (with one, a wrapper that yields after the default).
      const p = select([ready.recvCase(), unbuffered.sendCase(1), unbuffered.recvCase(), Channel.nil<number>().recvCase()]);
      const op = p as unknown as SelectOpView;
      expect(op.cases.length).toBe(4);
      const all = op.cases.flatMap((c) => [...c.touches()]);
      expect(covered(all, op.footprint())).toBe(true);
      expect(covered(op.footprint(), all)).toBe(true);
      // Only the two cases on the unbuffered channel park (a buffered or nil channel has no parked sets).
      expect(op.arrival()).toEqual(op.cases.flatMap((c) => [...c.arrival()]));
      expect(op.arrival().length).toBe(2);
      expect(op.cases.map((c) => c.ready())).toEqual([true, false, false, false]);
      checked = true;
      const got = await p;
      assert(got.index === 0 && got.value === 7, `case ${got.index}`);
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(checked).toBe(true);
  });
});
