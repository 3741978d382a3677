// Prisma's schema engine as WebAssembly: migrations without the native engine download.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationAdapterFactory } from './migration-adapters';
import { packageDir } from './paths';

// Node's WebAssembly global, typed just enough (our lib settings carry no DOM/wasm types).
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, object>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

/**
 * The engine arms a 10 s setTimeout per PostgreSQL query (a timeout race) and never clears it,
 * which keeps Node alive 10 s after the work is done. Its timers are unref'd instead: they still
 * fire while the process has other work, but never hold it open on their own.
 */
function withUnrefTimers(imports: typeof glue): Record<string, unknown> {
  const patched: Record<string, unknown> = { ...imports };
  for (const name of Object.keys(patched).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    patched[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
  }
  return patched;
}

let loaded: Promise<typeof glue.SchemaEngine> | undefined;

/**
 * The package's own entry imports the .wasm file as an ES module, which Node 20 cannot do:
 * instantiate the bytes with the JS glue as import object, hand the exports to the glue, start.
 */
function loadSchemaEngine(): Promise<typeof glue.SchemaEngine> {
  loaded ??= (async () => {
    // From this package's folder, not this file's: the server's bundle carries this module.
    const entry = createRequire(path.join(packageDir, 'package.json')).resolve(
      '@prisma/schema-engine-wasm',
    );
    const bytes = await readFile(path.join(path.dirname(entry), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': withUnrefTimers(glue),
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue.SchemaEngine;
  })();
  return loaded;
}

export type SchemaEngine = glue.SchemaEngine;

/**
 * Runs `work` with a schema engine over `factory`, then frees the engine and closes every
 * connection the factory opened (and drops any shadow database).
 */
export async function withSchemaEngine<T>(
  factory: MigrationAdapterFactory,
  schema: { path: string; content: string },
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const SchemaEngine = await loadSchemaEngine();
  const log = (message: string) => {
    if (process.env.DEBUG_SCHEMA_ENGINE) console.error('[schema-engine]', message);
  };
  try {
    const engine = await SchemaEngine.new(
      { datamodels: [[schema.path, schema.content]] },
      log,
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    try {
      return await work(engine);
    } finally {
      engine.free();
    }
  } finally {
    await factory.close();
  }
}
