import { summarizeLatency, type TimedRunResult } from './measure.ts';

/** A Markdown table with padded columns (readable as plain text too). */
export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export const rate = (result: TimedRunResult, unit: string) => `${result.perSecond.toFixed(result.perSecond < 100 ? 2 : 0)} ${unit}`;

export const latency = (result: TimedRunResult) => `${ms(result.latencyMs.p50)} / ${ms(result.latencyMs.p95)}`;

export const ratio = (value: TimedRunResult, baseline: TimedRunResult) =>
  baseline.perSecond > 0 ? `${(value.perSecond / baseline.perSecond).toFixed(2)}×` : 'n/a';

function ms(value: number) {
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

export interface Comparison {
  measurement: string;
  value: TimedRunResult;
  unit: string;
  baseline: string;
  baselineValue: TimedRunResult;
  baselineUnit: string;
}

export function comparisonTable(comparisons: Comparison[]): string {
  return renderTable(
    ['measurement', 'value', 'p50 / p95', 'baseline', 'baseline value', 'p50 / p95', 'ratio'],
    comparisons.map((c) => [c.measurement, rate(c.value, c.unit), latency(c.value), c.baseline, rate(c.baselineValue, c.baselineUnit), latency(c.baselineValue), ratio(c.value, c.baselineValue)]),
  );
}

/** One line per run: how many operations, failures and their first messages. */
export function runNotes(named: [string, TimedRunResult][]): string[] {
  return named.map(([name, result]) => {
    const base = `${name}: ${result.completed} ok, ${result.failed} failed in ${(result.elapsedMs / 1000).toFixed(1)} s, p99 ${ms(result.latencyMs.p99)}, max ${ms(result.latencyMs.max)}`;
    return result.errors.length > 0 ? `${base}\n    first errors: ${result.errors.join(' | ')}` : base;
  });
}

/** Median duration of each step of a sequence, e.g. "authorize 4.3 ms · captcha 7.1 ms". */
export function stepMedians(samples: Map<string, number[]>): string {
  return [...samples].map(([step, values]) => `${step} ${ms(summarizeLatency(values).p50)}`).join(' · ');
}
