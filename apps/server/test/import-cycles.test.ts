// No import cycle in the server's source: the composition root (create-server.ts) builds every
// part from the ones below it, so no module needs one above it. Type-only imports count too (a
// cycle of types is still a knot to untangle). dpdm parses the modules with TypeScript; the
// fixture proves the check finds a cycle, so an empty answer means something.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { afterAll, describe, expect, it } from 'vitest';

/** The import cycles among the .ts files under `dir`, as paths relative to it. */
async function importCycles(dir: string): Promise<string[][]> {
  const escaped = dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const tree = await parseDependencyTree('**/*.ts', {
    cwd: dir,
    context: dir,
    // Only this folder's modules; packages and node_modules are other people's graphs.
    include: new RegExp(`^${escaped}/`),
    exclude: /\/node_modules\//,
    // Type-only imports are kept (dpdm's `transform` would drop them).
    transform: false,
  });
  return parseCircular(tree);
}

describe('import cycles', () => {
  const fixtures: string[] = [];
  afterAll(async () => {
    for (const dir of fixtures) await rm(dir, { recursive: true, force: true });
  });

  it('apps/server/src has none', async () => {
    expect(await importCycles(path.resolve(import.meta.dirname, '../src'))).toEqual([]);
  });

  it('the check finds a cycle through a type-only import, and none once it is broken', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'import-cycle-'));
    fixtures.push(dir);
    const write = (name: string, text: string) => writeFile(path.join(dir, name), text);
    await write('leaf.ts', "export const rooms = { all: (code: string) => 'lesson:' + code };\n");
    await write(
      'handlers.ts',
      "import { FanOut } from './fan-out';\nexport type AppServer = { fanOut: FanOut };\n",
    );
    await write(
      'fan-out.ts',
      "import type { AppServer } from './handlers';\nimport { rooms } from './leaf';\n" +
        'export class FanOut { constructor(readonly io?: AppServer) {} room = rooms.all; }\n',
    );
    const [cycle, ...others] = await importCycles(dir);
    expect(others).toEqual([]);
    expect([...(cycle ?? [])].sort()).toEqual(['fan-out.ts', 'handlers.ts']);

    // The type moved into the leaf module: the cycle is gone.
    await write(
      'fan-out.ts',
      "import { rooms } from './leaf';\nexport class FanOut { room = rooms.all; }\n",
    );
    expect(await importCycles(dir)).toEqual([]);
  });
});
