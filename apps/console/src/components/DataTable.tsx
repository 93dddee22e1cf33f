import type { ReactNode } from 'react';
import { fillTemplate, ui } from '@uia/i18n';

/**
 * A table with a header row of `columns` (the catalogue's, in order) and the
 * given body rows. It scrolls sideways on a narrow screen inside a named
 * region in the tab order, so a keyboard user can scroll it too (WCAG 2.1.1).
 */
export function DataTable({ label, columns, dense = false, children }: { label: string; columns: Record<string, string>; dense?: boolean; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={fillTemplate(ui.console.scrollableTable, { title: label })} tabIndex={0}>
      <table className={dense ? 'table table-dense' : 'table'}>
        <thead>
          <tr>
            {Object.values(columns).map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
