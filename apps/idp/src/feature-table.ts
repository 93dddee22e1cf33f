/** One line of the start-up table: a feature, the adapter behind it and whether it is on (and what "off" means). */
export interface FeatureRow {
  feature: string;
  adapter: string;
  on: boolean;
  /** What users see instead when the feature is off. */
  off: string;
}

// CJK characters take two columns in a terminal; everything else one.
const displayWidth = (text: string) => [...text].reduce((width, char) => width + (/[\u2e80-\u9fff\uff00-\uffef]/.test(char) ? 2 : 1), 0);
const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/**
 * The table the platform logs at start: what is on and off in this
 * deployment, so an operator sees at once what the city's vendors allow.
 * Adapter names only: never a key, URL credential or personal datum.
 */
export function featureTable(rows: readonly FeatureRow[]): string {
  const lines = [['功能 feature', '适配器 adapter', '状态 state'], ...rows.map((row) => [row.feature, row.adapter, row.on ? '开 on' : `关 off：${row.off}`])];
  const widths = [0, 1].map((column) => Math.max(...lines.map((line) => displayWidth(line[column]!))));
  return lines.map((line) => `  ${pad(line[0]!, widths[0]!)}  ${pad(line[1]!, widths[1]!)}  ${line[2]}`).join('\n');
}
