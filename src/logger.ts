// Structured logs: one JSON object a line on standard output (pino), so a process manager or a log
// shipper can index them. Every line written while a request is being handled carries that
// request's id and operation name, wherever in the code it is written.
import { AsyncLocalStorage } from 'node:async_hooks';
import { inspect } from 'node:util';
import { GraphQLError } from 'graphql';
import type { YogaLogger } from 'graphql-yoga';
import { type DestinationStream, type Logger, type LevelWithSilent, pino } from 'pino';

export type { Logger };

/** What the log knows about the request being handled. */
export interface RequestScope {
  requestId: string;
  operation?: string;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

const levels: readonly LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Fields that could hold a credential, wherever they appear in a logged object. talkgraph never
 * logs request headers; this is the net under that rule.
 */
const redacted = ['authorization', 'token', 'secret', 'password', 'cookie'].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export interface LoggerOptions {
  /** One of fatal, error, warn, info, debug, trace, silent. Default: TALKGRAPH_LOG_LEVEL, else info. */
  level?: string;
  /** Where lines go. Default: standard output. */
  destination?: DestinationStream;
}

export function createLogger({ level = process.env.TALKGRAPH_LOG_LEVEL ?? 'info', destination }: LoggerOptions = {}): Logger {
  if (!levels.includes(level as LevelWithSilent)) {
    throw new Error(`TALKGRAPH_LOG_LEVEL must be one of ${levels.join(', ')} (got "${level}").`);
  }
  const options = {
    level,
    mixin: () => {
      const scope = requestScope.getStore();
      return scope ? { requestId: scope.requestId, ...(scope.operation ? { operation: scope.operation } : {}) } : {};
    },
    redact: { paths: redacted, censor: '[redacted]' },
    serializers: { err: serializeError },
  };
  // Standard output written asynchronously and in batches: lines wait until 4 KiB have gathered or
  // 200 ms have passed, so under load the lines of many requests go out in one write (a write per
  // line cost the small page a sixth of its CPU); pino flushes what is left when the process exits.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 200 }));
}

/**
 * An error as its kind, message, code, stack and causes. Only those: the driver's errors carry
 * their connection, whose parameters include the password, as an enumerable property.
 */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, cause } = error as Error & { code?: unknown; cause?: unknown };
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    stack: error.stack,
    ...(cause !== undefined && depth < 3 ? { cause: serializeError(cause, depth + 1) } : {}),
  };
}

/**
 * Yoga's logger interface over pino. Yoga hands the errors it masks to `error`; log the error the
 * resolver threw, with its stack and the response path, not the wrapper.
 */
export function yogaLogger(logger: Logger): YogaLogger {
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      const [first, ...rest] = args;
      if (first instanceof Error) {
        const original = first instanceof GraphQLError && first.originalError ? first.originalError : first;
        const path = first instanceof GraphQLError ? first.path?.join('.') : undefined;
        logger[level]({ err: original, ...(path ? { path } : {}) }, rest.length ? rest.map(String).join(' ') : original.message);
        return;
      }
      logger[level](args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 4 }))).join(' '));
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
