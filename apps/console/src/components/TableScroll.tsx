import type { ReactNode } from 'react';
import { fillTemplate, ui } from '@uia/i18n';

/**
 * A wide table that scrolls sideways on a narrow screen: a named region in
 * the tab order, so a keyboard user can scroll it too (WCAG 2.1.1).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={fillTemplate(ui.console.scrollableTable, { title: label })} tabIndex={0}>
      {children}
    </div>
  );
}
