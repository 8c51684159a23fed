// The part of autocannon's programmatic API the benchmark uses; the package ships no types.
declare module 'autocannon' {
  interface Options {
    url: string;
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
  }
  interface Histogram {
    average: number;
    mean: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
  }
  interface Result {
    /** Seconds the run lasted. */
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    /** Milliseconds. */
    latency: Histogram;
    /** Per-second samples; total is the number of completed requests. */
    requests: Histogram;
    throughput: Histogram;
  }
  /** A running load: an event emitter that is also a promise of the summary. */
  interface Instance extends PromiseLike<Result> {
    /** Each completed request: its HTTP status, size, and time in milliseconds. */
    on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, milliseconds: number) => void): this;
    /** A request that failed without an answer (connection error, timeout). */
    on(event: 'reqError', listener: (error: Error) => void): this;
    /** Ends the load early; the promise then resolves with what was measured. */
    stop(): void;
  }
  function autocannon(options: Options): Instance;
  export default autocannon;
}
