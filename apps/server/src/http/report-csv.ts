// CSV downloads of a report, for spreadsheets and LMS gradebook imports:
//   GET /api/reports/lesson/<code>/students.csv | answers.csv
//   GET /api/reports/assignment/<id>/students.csv | answers.csv
// The session cookie and the ownership rules of the report procedures apply.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  assignmentIdSchema,
  ERROR_CODES,
  type ErrorCode,
  joinCodeSchema,
  type WireError,
} from '@backprop/contract';
import { stringify } from 'csv-stringify/sync';
import type { RequestContext } from '../context';
import { signedIn } from '../services/accounts';
import { refusalOf } from '../services/refusal';
import { reportCsvTables } from '../services/reports';

export const REPORTS_BASE_PATH = '/api/reports';

const ROUTE = /^\/api\/reports\/(lesson|assignment)\/([^/]+)\/(students|answers)\.csv$/;

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  NOT_SIGNED_IN: 401,
  NOT_OWNER: 403,
  UNKNOWN_LESSON: 404,
  UNKNOWN_ASSIGNMENT: 404,
  UNAVAILABLE: 503,
};

function refuse(res: ServerResponse, error: WireError): void {
  res
    .writeHead(HTTP_STATUS[error.code] ?? 500, { 'content-type': 'application/json' })
    .end(JSON.stringify({ ok: false, error }));
}

/**
 * A text cell a spreadsheet would run as a formula (`=HYPERLINK(...)`, `=cmd|...`, `@SUM(...)`,
 * `+...`, `-...`, or after a leading tab or carriage return) gets a leading apostrophe, which
 * spreadsheets show as text (OWASP's advice for CSV injection). Numbers stay numbers.
 */
export const neutraliseFormula = (cell: string | number): string | number =>
  typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;

/** RFC 4180 (CRLF rows, quoted when needed) with a UTF-8 BOM: Excel otherwise misreads accented names. */
export const toCsv = (rows: readonly (readonly (string | number)[])[]): string =>
  stringify(
    rows.map((row) => row.map(neutraliseFormula)),
    { bom: true, record_delimiter: 'windows' },
  );

export function serveReportCsv(
  ctx: RequestContext,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  // Not decoded: codes and ids are URL-safe, anything percent-encoded is not one.
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const match = ROUTE.exec(path);
  if (req.method !== 'GET' || !match) {
    refuse(res, { code: ERROR_CODES.INVALID_INPUT, message: 'No such report download' });
    return;
  }
  const [, kind, rawId, table] = match as unknown as [
    string,
    'lesson' | 'assignment',
    string,
    'students' | 'answers',
  ];
  const id = (kind === 'lesson' ? joinCodeSchema : assignmentIdSchema).safeParse(rawId);
  if (!id.success) {
    refuse(res, { code: ERROR_CODES.INVALID_INPUT, message: `Not a ${kind} id` });
    return;
  }
  (async () => {
    const me = await signedIn(ctx);
    const tables = await reportCsvTables(ctx, me, kind, id.data);
    const filename = `${kind}-${id.data}-${table}.csv`;
    res
      .writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}"`,
        // A gradebook is personal data: never kept by a shared cache.
        'cache-control': 'private, no-store',
      })
      .end(toCsv(tables[table]));
  })().catch((error: unknown) => refuse(res, refusalOf(error, 'report download').toWire()));
}
