import { useState, type FormEvent } from 'react';
import { ui } from '@uia/i18n';
import { CONSOLE_ROLE_NAMES, CONSOLE_ROLES, type ConsoleRole } from '@uia/schemas';
import { SubmitRow, TextField, useTextField } from '../../components/FormRow.tsx';
import { Section } from '../../components/Section.tsx';

const text = ui.console.roles;

/** 授予角色: the person by exact 用户名 / 手机号 / 证件号码, and one of the three roles. */
export function GrantRoleForm({ busy, onGrant }: { busy: boolean; onGrant: (identifier: string, role: ConsoleRole) => Promise<boolean> }) {
  const identifier = useTextField('grant-identifier');
  const [role, setRole] = useState<ConsoleRole>('audit');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = identifier.accept(Boolean, text.identifierRequired);
    if (value !== null && (await onGrant(value, role))) identifier.clear();
  }

  return (
    <Section title={text.grantTitle}>
      <form className="form form-inline" noValidate onSubmit={(event) => void submit(event)}>
        <TextField {...identifier.props} label={text.identifier} maxLength={64} />
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
        <SubmitRow label={text.grant} busy={busy} primary />
      </form>
    </Section>
  );
}
