// A subscription read as a browser's EventSource would: server-sent events from /graphql, each
// `event: next` parsed into its GraphQL result, through yoga.fetch in process or over HTTP.
import type { App } from '../../src/yoga.js';

export interface SseSubscription {
  /** The HTTP status of the answer. */
  status: number;
  /** The next event's GraphQL result; fails after `timeoutMs` without one. */
  next(timeoutMs?: number): Promise<{ data?: any; errors?: any[] }>;
  /** Every event that arrives within `ms`. */
  drain(ms: number): Promise<Array<{ data?: any; errors?: any[] }>>;
  /** Whether the server ended the stream (event: complete). */
  completed(): boolean;
  close(): void;
}

export async function subscribe(
  target: App | string,
  query: string,
  { variables, token, read = true }: { variables?: Record<string, unknown>; token?: string; read?: boolean } = {},
): Promise<SseSubscription> {
  const controller = new AbortController();
  const init: RequestInit = {
    method: 'POST',
    signal: controller.signal,
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  };
  const response = typeof target === 'string' ? await fetch(target, init) : await target.fetch('http://talkgraph.test/graphql', init);
  const events: Array<{ data?: any; errors?: any[] }> = [];
  const waiters: Array<() => void> = [];
  let complete = false;
  if (read && response.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (/^event: complete/m.test(block)) complete = true;
            const data = /^data: (.+)$/m.exec(block)?.[1];
            if (/^event: next/m.test(block) && data) events.push(JSON.parse(data));
            waiters.splice(0).forEach((wake) => wake());
          }
        }
      } catch {
        // Aborted by close().
      }
      complete = true;
      waiters.splice(0).forEach((wake) => wake());
    })();
  }
  const next = async (timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (events.length === 0) {
      if (complete) throw new Error('The subscription completed without another event.');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No event within ${timeoutMs} ms.`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return events.shift()!;
  };
  return {
    status: response.status,
    next,
    async drain(ms) {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return events.splice(0);
    },
    completed: () => complete,
    close: () => controller.abort(),
  };
}
