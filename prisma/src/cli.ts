// pnpm db:migrate              apply pending migrations to $DATABASE_URL (default: data/backprop.db)
// pnpm db:migration:new <name> derive postgresql/schema.prisma, then write a migration per provider
// pnpm db:status               compare the database with the migrations folder
import { applyMigrations, createMigration, migrationStatus, migrationTimestamp } from './migrate';
import { defaultDatabaseUrl, PROVIDERS } from './paths';
import { syncPostgresSchema } from './schema-sync';

const databaseUrl = () => process.env.DATABASE_URL || defaultDatabaseUrl();
/** Credentials stay out of the logs. */
const redact = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');

async function main(command: string | undefined, name: string | undefined): Promise<number> {
  switch (command) {
    case 'migrate': {
      const url = databaseUrl();
      const applied = await applyMigrations(url);
      console.log(
        applied.length
          ? `Applied ${applied.length} migration(s) to ${redact(url)}:\n  ${applied.join('\n  ')}`
          : `${redact(url)} is up to date.`,
      );
      return 0;
    }
    case 'new': {
      if (!name) {
        console.error('Usage: pnpm db:migration:new <snake_case_name>');
        return 2;
      }
      if (syncPostgresSchema()) console.log('Updated postgresql/schema.prisma from sqlite/.');
      const timestamp = migrationTimestamp();
      for (const provider of PROVIDERS) {
        const { directory } = await createMigration(name, provider, { timestamp });
        console.log(directory ? `${provider}: wrote ${directory}` : `${provider}: no changes`);
      }
      return 0;
    }
    case 'status': {
      const status = await migrationStatus(databaseUrl());
      console.log(JSON.stringify(status, null, 2));
      return status.upToDate ? 0 : 1;
    }
    default:
      console.error('Usage: cli.ts migrate | new <name> | status');
      return 2;
  }
}

main(process.argv[2], process.argv[3]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
