import { defineConfig } from 'prisma/config';

// Prisma's CLI downloads a native schema engine before every command unless this variable names
// an existing file. `prisma generate` never runs it, and migrations go through the wasm engine
// (src/migrate.ts), so any existing file will do.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= import.meta.filename;

export default defineConfig({
  schema: 'sqlite/schema.prisma',
});
