// One log line per request (method, path, status, time, operation, error codes), and a request id
// on every line written while it is handled (src/logger.ts). The id is the client's X-Request-Id
// when it sends a sane one, so a request can be followed from a proxy's log into ours; it is sent
// back in the response either way.
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { type Logger, type RequestScope, requestScope } from '../logger.js';
import { earlyAnswer, errorCodes, operationFacts } from './request-facts.js';

export interface RequestLogOptions {
  logger: Logger;
  /** The header that carries the request id, both ways. Default `x-request-id`. */
  header?: string;
  /** Paths logged at debug level instead of info: probes and scrapes that would drown the rest. Default /health, /ready, /metrics. */
  quietPaths?: string[];
}

interface RequestState extends RequestScope {
  started: number;
  errors: string[];
}

const saneId = /^[A-Za-z0-9._:-]{1,128}$/;

export function useRequestLog({ logger, header = 'x-request-id', quietPaths = ['/health', '/ready', '/metrics'] }: RequestLogOptions): Plugin {
  const current = () => requestScope.getStore() as RequestState | undefined;
  return {
    instrumentation: {
      request({ request }, wrapped) {
        const offered = request.headers.get(header);
        const state: RequestState = { requestId: offered && saneId.test(offered) ? offered : randomUUID(), started: performance.now(), errors: [] };
        return requestScope.run(state, wrapped);
      },
    },
    onExecute({ args }) {
      const state = current();
      if (state) state.operation = operationFacts(args.document, args.operationName)?.name ?? 'anonymous';
    },
    onResultProcess({ result }) {
      current()?.errors.push(...errorCodes(result));
    },
    onResponse({ request, response }) {
      const state = current();
      if (!state) return;
      const early = earlyAnswer(request);
      if (early) state.operation = early.name ?? 'anonymous';
      response.headers.set(header, state.requestId);
      const url = new URL(request.url);
      const line = {
        method: request.method,
        path: url.pathname,
        status: response.status,
        ms: Math.round((performance.now() - state.started) * 10) / 10,
        ...(state.errors.length ? { errors: state.errors } : {}),
      };
      if (quietPaths.includes(url.pathname)) logger.debug(line, 'request');
      else logger.info(line, 'request');
    },
  };
}
