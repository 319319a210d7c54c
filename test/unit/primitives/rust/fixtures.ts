/** A Droppable test value: logs its drop ("a", or "a!" when dropped by unwinding, "a~" by dispose). */
import { DROP, installDispose, own, type DropContext, type Droppable } from '../../../../src/primitives/rust/ownership.js';

export class Res implements Droppable {
  constructor(
    readonly log: string[],
    readonly name: string,
  ) {
    own(this, `Res ${name}`);
  }
  [DROP](ctx: DropContext): void {
    this.log.push(`${this.name}${ctx.unwinding ? '!' : ''}${ctx.sync ? '~' : ''}`);
  }
}
installDispose(Res.prototype);
