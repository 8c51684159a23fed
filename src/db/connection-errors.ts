// What a failure to reach PostgreSQL means for the person who configured it, and whether waiting
// can help. The driver reports these as socket error codes or SQLSTATEs; a user should read one
// line that names the server and what to check, never a stack.
import { UnavailableError } from '../errors.js';

/** SQLSTATEs and socket codes of a connection that ended or could not be made for now. */
const transientCodes = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, a server shutting down
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08006',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'P1001', // Prisma: cannot reach the database server
  'P1002', // Prisma: the server was reached but timed out
  'P1017', // Prisma: the server has closed the connection
]);

/**
 * Every code along the error's chain: pg's own (SQLSTATE or socket code), and what Prisma wraps
 * around it (its P-codes, a driver adapter error holding the original code as `originalCode`).
 */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number) => {
    if (!value || typeof value !== 'object' || seen.has(value) || depth > 6) return;
    seen.add(value);
    const record = value as Record<string, unknown>;
    for (const key of ['code', 'originalCode']) if (typeof record[key] === 'string') codes.push(record[key] as string);
    visit(record.cause, depth + 1);
    visit((record.meta as Record<string, unknown> | undefined)?.driverAdapterError, depth + 1);
  };
  visit(error, 0);
  return codes;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String((error as { message?: unknown })?.message ?? error);
}

/**
 * A statement failed because its connection went away (killed, reset, timed out), not because of
 * the statement: the same statement on a new connection may well succeed.
 */
export function isConnectionLost(error: unknown): boolean {
  if (codesOf(error).some((code) => transientCodes.has(code))) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|Connection ended unexpectedly|terminating connection due to administrator command/i.test(
    messageOf(error),
  );
}

export class DatabaseUnreachableError extends UnavailableError {
  constructor(
    message: string,
    /** Whether trying again later may succeed (a server restarting) rather than needing a fix. */
    readonly transient: boolean,
  ) {
    super(message);
  }
}

function describeServer(url: string): { where: string; database: string; user: string } {
  try {
    const parsed = new URL(url);
    return {
      where: `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`,
      database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || decodeURIComponent(parsed.username) || 'postgres',
      user: decodeURIComponent(parsed.username) || 'the default user',
    };
  } catch {
    return { where: 'the server of DATABASE_URL', database: 'of DATABASE_URL', user: 'of DATABASE_URL' };
  }
}

/** The failure to open a connection to `url`, said plainly; undefined when it is something else. */
export function unreachable(error: unknown, url: string): DatabaseUnreachableError | undefined {
  const codes = codesOf(error);
  const code = codes.find((each) => !each.startsWith('P')) ?? codes[0];
  const { where, database, user } = describeServer(url);
  const detail = messageOf(error);
  switch (code) {
    case '3D000':
      return new DatabaseUnreachableError(`The database "${database}" does not exist on the PostgreSQL server at ${where}; create it (createdb ${database}) or fix DATABASE_URL.`, false);
    case '28P01':
    case '28000':
      return new DatabaseUnreachableError(`The PostgreSQL server at ${where} refused the credentials of user "${user}"; fix the user or password in DATABASE_URL.`, false);
    case 'ENOTFOUND':
      return new DatabaseUnreachableError(`The host of DATABASE_URL (${where}) is not known; check its spelling.`, false);
    case '57P03':
      return new DatabaseUnreachableError(`The PostgreSQL server at ${where} is starting up; try again in a moment.`, true);
    case '53300':
      return new DatabaseUnreachableError(`The PostgreSQL server at ${where} has no free connections; try again later or raise max_connections.`, true);
  }
  if (error instanceof TypeError && /url|connection string/i.test(detail)) {
    return new DatabaseUnreachableError('DATABASE_URL is not a valid URL; it looks like postgresql://user:password@host:5432/database.', false);
  }
  if (isConnectionLost(error)) {
    const reason = code === 'ECONNREFUSED' ? 'connection refused' : code ? code : 'no answer';
    return new DatabaseUnreachableError(`Cannot reach the PostgreSQL server at ${where} (${reason}); check that it runs and that DATABASE_URL names it.`, true);
  }
  return undefined;
}
