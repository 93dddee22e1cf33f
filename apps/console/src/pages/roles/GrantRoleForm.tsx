import { useState, type FormEvent } from 'react';
import { ui } from '@uia/i18n';
import { CONSOLE_ROLE_NAMES, CONSOLE_ROLES, type ConsoleRole } from '@uia/schemas';
import { FieldError, FieldInput } from '@uia/web';
import { Section } from '../../components/Section.tsx';

const text = ui.console.roles;

/** 授予角色: the person by exact 用户名 / 手机号 / 证件号码, and one of the three roles. */
export function GrantRoleForm({ busy, onGrant }: { busy: boolean; onGrant: (identifier: string, role: ConsoleRole) => Promise<boolean> }) {
  const [identifier, setIdentifier] = useState('');
  const [role, setRole] = useState<ConsoleRole>('audit');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!identifier.trim()) {
      setError(text.identifierRequired);
      document.getElementById('grant-identifier')?.focus();
      return;
    }
    setError(null);
    if (await onGrant(identifier.trim(), role)) setIdentifier('');
  }

  return (
    <Section title={text.grantTitle}>
      <form className="form form-inline" noValidate onSubmit={(event) => void submit(event)}>
        <div className="form-row">
          <label htmlFor="grant-identifier">{text.identifier}</label>
          <FieldInput id="grant-identifier" autoComplete="off" maxLength={64} value={identifier} error={error} onChange={(e) => setIdentifier(e.target.value)} />
          <FieldError id="grant-identifier" message={error} />
        </div>
        <div className="form-row">
          <label htmlFor="grant-role">{text.role}</label>
          <select id="grant-role" className="input select" value={role} onChange={(e) => setRole(e.target.value as ConsoleRole)}>
            {CONSOLE_ROLES.map((option) => (
              <option key={option} value={option}>
                {CONSOLE_ROLE_NAMES[option]}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {text.grant}
          </button>
        </div>
      </form>
    </Section>
  );
}
