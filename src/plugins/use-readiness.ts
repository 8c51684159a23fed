// GET /ready: whether this process should be sent traffic. Yoga's own readiness check answers with
// the message of whatever the check threw, which for a database that is gone was the driver's
// message and the database's name; this one answers with a fixed reason and logs the cause.
import type { Plugin } from 'graphql-yoga';

export interface ReadinessOptions {
  /** Default `/ready`. */
  endpoint?: string;
  /**
   * Resolves to undefined when ready, or to the reason it is not, in words fit for anyone to read.
   * A check that throws (or takes longer than timeoutMs) means the database does not answer.
   */
  check: () => Promise<string | undefined>;
  /** How long a check may take. Default 3000 ms: a load balancer's probe usually gives up soon after. */
  timeoutMs?: number;
  /** Told the cause when a check throws. Default: nothing. */
  onFailure?: (error: unknown) => void;
}

const UNREACHABLE = 'the database does not answer';

export function useReadiness({ endpoint = '/ready', check, timeoutMs = 3000, onFailure }: ReadinessOptions): Plugin {
  const answer = async (): Promise<string | undefined> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(UNREACHABLE), timeoutMs);
    });
    try {
      return await Promise.race([
        check().catch((error: unknown) => {
          onFailure?.(error);
          return UNREACHABLE;
        }),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint) return;
      return answer().then((reason) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify(reason === undefined ? { status: 'ready' } : { status: 'not ready', reason }), {
            status: reason === undefined ? 200 : 503,
            headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
          }),
        ),
      );
    },
  };
}
