import type { TimedRunResult } from './measure.ts';

/** A Markdown table with padded columns (readable as plain text too). */
export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

function ms(value: number) {
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

/** One line per run: how many operations, failures and their first messages. */
export function runNotes(named: [string, TimedRunResult][]): string[] {
  return named.map(([name, result]) => {
    const base = `${name}: ${result.completed} ok, ${result.failed} failed in ${(result.elapsedMs / 1000).toFixed(1)} s, p99 ${ms(result.latencyMs.p99)}, max ${ms(result.latencyMs.max)}`;
    return result.errors.length > 0 ? `${base}\n    first errors: ${result.errors.join(' | ')}` : base;
  });
}
