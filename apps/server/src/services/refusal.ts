// The one mapping from whatever a service threw to what a client sees, for socket, tRPC and CSV.
// A typed refusal passes as it is; a database that cannot be reached or is full is UNAVAILABLE;
// anything else is a bug: logged here with a reference, and only the reference leaves the server
// (Prisma's messages carry absolute source paths and code excerpts).
import { randomBytes } from 'node:crypto';
import { ERROR_CODES } from '@backprop/contract';
import { ServiceError } from './errors';
import { databaseUnavailable, isDatabaseUnavailable } from './unavailable';

/** `where` names the transport in the log line (e.g. 'socket answer', 'trpc lesson.create'). */
export function refusalOf(error: unknown, where: string): ServiceError {
  if (error instanceof ServiceError) return error;
  if (isDatabaseUnavailable(error)) {
    console.warn(`${where}: database unavailable:`, error instanceof Error ? error.message : error);
    return databaseUnavailable();
  }
  const reference = randomBytes(4).toString('hex');
  console.error(`${where} failed (reference ${reference})`, error);
  return new ServiceError(ERROR_CODES.INTERNAL, `Internal server error (reference ${reference})`);
}
