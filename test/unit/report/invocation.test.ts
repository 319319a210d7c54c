/** How reproduce lines start: as the user started simcc (report/invocation.ts). */
import { describe, expect, it } from 'vitest';
import { simccCommand } from '../../../src/report/invocation.js';

describe('simccCommand', () => {
  const cwd = '/home/u/simcc';
  it('node bin/simcc.js from a clone: the script relative to the working folder', () => {
    expect(simccCommand(['/usr/bin/node', '/home/u/simcc/bin/simcc.js'], {}, cwd)).toBe('node bin/simcc.js');
    expect(simccCommand(['/usr/bin/node', '/home/u/simcc/bin/simcc.js'], {}, '/home/u/simcc/scenarios')).toBe('node /home/u/simcc/bin/simcc.js');
    expect(simccCommand(['/usr/bin/node', '/home/u/my tools/simcc/bin/simcc.js'], {}, '/tmp')).toBe("node '/home/u/my tools/simcc/bin/simcc.js'");
  });
  it('npx, an npm script, or a project’s node_modules/.bin: npx simcc', () => {
    expect(simccCommand(['/usr/bin/node', '/root/.npm/_npx/1/node_modules/.bin/simcc'], { npm_command: 'exec' }, cwd)).toBe('npx simcc');
    expect(simccCommand(['/usr/bin/node', '/p/node_modules/.bin/simcc'], { npm_lifecycle_event: 'test' }, '/p')).toBe('npx simcc');
    expect(simccCommand(['/usr/bin/node', '/p/node_modules/simcc/bin/simcc.js'], {}, '/p')).toBe('npx simcc');
  });
  it('a global install found on PATH: simcc', () => {
    expect(simccCommand(['/usr/bin/node', '/usr/local/bin/simcc'], {}, cwd)).toBe('simcc');
  });
});
