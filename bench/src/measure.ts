import { performance } from 'node:perf_hooks';

/**
 * A generic timed-concurrency loop: `concurrency` workers each run `task`
 * back to back until the deadline. An operation that started before the
 * deadline is allowed to finish and counts; throughput is completed
 * operations over the time until the last worker stopped.
 *
 * A measurement and its baseline are run interleaved (A B, B A, A B, …, in
 * short slices) so that a change in background load during the run hits
 * both alike and their ratio stays meaningful.
 */

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface TimedRunResult {
  completed: number;
  failed: number;
  elapsedMs: number;
  perSecond: number;
  latencyMs: Latency;
  /** The first few distinct failure messages. */
  errors: string[];
  /** CPU time the server(s) used while measured (when the task says how to read it), and operations per CPU-second. */
  cpuMs: number | null;
  perCpuSecond: number | null;
}

/** `task(worker)` performs one operation for that worker and throws when it did not succeed. */
export type Task = (worker: number) => Promise<void>;

interface Slice {
  cpuMs: number | null;
  latencies: number[];
  failed: number;
  elapsedMs: number;
  errors: string[];
}

const MAX_ERRORS_KEPT = 5;

/** Nearest-rank percentile of an ascending array (0 for an empty one). */
export function percentile(sortedAscending: number[], p: number): number {
  if (sortedAscending.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1]!;
}

export function summarizeLatency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 };
}

export async function runSlice(task: Task, concurrency: number, durationMs: number, cpuMs?: () => number): Promise<Slice> {
  const cpuBefore = cpuMs?.();
  const latencies: number[] = [];
  const errors = new Set<string>();
  let failed = 0;
  const start = performance.now();
  const deadline = start + durationMs;

  const worker = async (index: number) => {
    while (performance.now() < deadline) {
      const began = performance.now();
      try {
        await task(index);
        latencies.push(performance.now() - began);
      } catch (error) {
        failed += 1;
        if (errors.size < MAX_ERRORS_KEPT) errors.add(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, index) => worker(index)));
  const elapsedMs = performance.now() - start;
  return { latencies, failed, elapsedMs, errors: [...errors], cpuMs: cpuMs && cpuBefore !== undefined ? cpuMs() - cpuBefore : null };
}

export function combine(slices: Slice[]): TimedRunResult {
  const latencies = slices.flatMap((slice) => slice.latencies);
  const elapsedMs = slices.reduce((sum, slice) => sum + slice.elapsedMs, 0);
  const cpuMs = slices.every((slice) => slice.cpuMs !== null) ? slices.reduce((sum, slice) => sum + slice.cpuMs!, 0) : null;
  return {
    cpuMs,
    perCpuSecond: cpuMs ? latencies.length / (cpuMs / 1000) : null,
    completed: latencies.length,
    failed: slices.reduce((sum, slice) => sum + slice.failed, 0),
    elapsedMs,
    perSecond: elapsedMs > 0 ? latencies.length / (elapsedMs / 1000) : 0,
    latencyMs: summarizeLatency(latencies),
    errors: [...new Set(slices.flatMap((slice) => slice.errors))].slice(0, MAX_ERRORS_KEPT),
  };
}

export interface MeasuredTask {
  task: Task;
  /** CPU time (ms) of whatever serves the task (server process, database, Redis), read before and after each slice. */
  cpuMs?: () => number;
  /** Called after the warm-up, before the first measured slice. */
  beforeMeasure?: () => void;
}

export interface PairOptions {
  concurrency: number;
  /** Warm-up per task; its results are dropped. */
  warmupMs: number;
  /** Measured time per task, split over `rounds` slices. */
  durationMs: number;
  rounds: number;
}

/** Warms both tasks up, then measures them interleaved; returns [measurement, baseline]. */
export async function measurePair(measurement: MeasuredTask, baseline: MeasuredTask, options: PairOptions): Promise<[TimedRunResult, TimedRunResult]> {
  for (const { task } of [baseline, measurement]) {
    if (options.warmupMs > 0) await runSlice(task, options.concurrency, options.warmupMs);
  }
  measurement.beforeMeasure?.();
  baseline.beforeMeasure?.();

  const sliceMs = options.durationMs / options.rounds;
  const slices: [Slice[], Slice[]] = [[], []];
  for (let round = 0; round < options.rounds; round += 1) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const which of order as (0 | 1)[]) {
      const { task, cpuMs } = which === 0 ? measurement : baseline;
      slices[which].push(await runSlice(task, options.concurrency, sliceMs, cpuMs));
    }
  }
  return [combine(slices[0]), combine(slices[1])];
}
