// Errors a user can cause. Each carries a stable `code` that the API returns in
// `extensions.code` (and in typed mutation results) and the CLI prints; the message says what to
// change. Anything that is not a TalkgraphError is a bug: it is masked in API responses and logged.
import { GraphQLError } from 'graphql';

export type ErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'INVALID_ID'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'LIMIT_EXCEEDED'
  | 'IMPORT_FAILED'
  | 'UNAVAILABLE'
  /** The database stopped answering while the server runs (HTTP 503 with Retry-After); try again. */
  | 'SERVICE_UNAVAILABLE';

export class TalkgraphError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The input field (dotted path) the error is about, when there is one. */
    readonly field?: string,
  ) {
    // A GraphQLError with its code in extensions passes Yoga's masking as it is, wherever it is thrown.
    super(message, { extensions: { code, ...(field ? { field } : {}) } });
    this.name = new.target.name;
  }
}

/** Input that is well-formed GraphQL or JSON but breaks a rule: a bad slug, an empty title. */
export class InvalidInputError extends TalkgraphError {
  constructor(message: string, field?: string) {
    super('INVALID_INPUT', message, field);
  }
}

/** A slug or ID that names nothing in the graph. */
export class NotFoundError extends TalkgraphError {
  constructor(message: string, field?: string) {
    super('NOT_FOUND', message, field);
  }
}

/** A global ID that is not one of ours, or names a different type than the field expects. */
export class InvalidIdError extends TalkgraphError {
  constructor(message: string, field?: string) {
    super('INVALID_ID', message, field);
  }
}

/** A write that would make two records mean the same thing (a duplicate slug, say). */
export class ConflictError extends TalkgraphError {
  constructor(message: string, field?: string) {
    super('CONFLICT', message, field);
  }
}

/** A request that needs a token and has none, or an unknown one. */
export class UnauthenticatedError extends TalkgraphError {
  constructor(message: string) {
    super('UNAUTHENTICATED', message);
  }
}

/** A valid token whose scopes do not allow the operation. */
export class ForbiddenError extends TalkgraphError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

/** A request over a limit: page size, query depth or cost, payload size. */
export class LimitExceededError extends TalkgraphError {
  constructor(message: string, field?: string) {
    super('LIMIT_EXCEEDED', message, field);
  }
}

/**
 * The database cannot be used right now: the server does not answer, the database does not exist,
 * or another process holds the embedded data folder. The message names what to check.
 */
export class UnavailableError extends TalkgraphError {
  constructor(message: string) {
    super('UNAVAILABLE', message);
  }
}

/** A file that cannot be imported; names the file, the record (line or id) and the field. */
export class ImportError extends TalkgraphError {
  constructor(
    readonly file: string,
    readonly record: string | undefined,
    field: string | undefined,
    problem: string,
  ) {
    super(
      'IMPORT_FAILED',
      [file, record && `record ${record}`, field && `field "${field}"`].filter(Boolean).join(', ') + `: ${problem}`,
      field,
    );
  }
}
