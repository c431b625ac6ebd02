/** The part of autocannon's programmatic API the load benchmarks use (the package ships no types). */
declare module 'autocannon' {
  type Request = { method?: string; path: string; headers?: Record<string, string>; body?: string };
  type Histogram = { average: number; mean: number; stddev: number; min: number; max: number; p50: number; p90: number; p97_5: number; p99: number; total: number };
  export type Result = {
    requests: Histogram & { sent: number };
    latency: Histogram;
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    duration: number;
  };
  type Options = { url: string; connections?: number; duration?: number; pipelining?: number; headers?: Record<string, string>; requests?: Request[]; timeout?: number };
  const autocannon: (options: Options) => Promise<Result>;
  export default autocannon;
}
