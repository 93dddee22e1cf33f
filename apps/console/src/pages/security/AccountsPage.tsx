import { ui } from '@uia/i18n';

/** Placeholder until this section's page is built (it is, before this branch lands). */
export function AccountsPage() {
  return <h1 className="page-title">{ui.console.sections.accounts}</h1>;
}
