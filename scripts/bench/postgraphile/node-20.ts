// PostGraphile 5 declares Node >= 22, and the only newer built-in its packages call is
// Promise.withResolvers (Node 22). Without it, every query on Node 20 fails inside PostGraphile's
// executor. The peer runs in its own process, so this addition stays there; on Node 22 it does nothing.
// Imported first by ./server.ts, before any PostGraphile module is evaluated.

declare global {
  interface PromiseConstructor {
    withResolvers<T>(): { promise: Promise<T>; resolve: (value: T | PromiseLike<T>) => void; reject: (reason?: unknown) => void };
  }
}

/** Whether this process had to add Promise.withResolvers, for the bench's description of the peer. */
export const addedWithResolvers = typeof Promise.withResolvers !== 'function';

if (addedWithResolvers) {
  Promise.withResolvers = function withResolvers<T>() {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((yes, no) => {
      resolve = yes;
      reject = no;
    });
    return { promise, resolve, reject };
  };
}
