import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** Drops the run's SQLite file (and its temp folder) so runs never see each other's data. */
export default function globalTeardown(): void {
  const file = process.env.E2E_SQLITE_FILE;
  if (file) rmSync(dirname(file), { recursive: true, force: true });
}
