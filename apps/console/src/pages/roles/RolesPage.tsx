import { fillTemplate, ui } from '@uia/i18n';
import { CONSOLE_ROLE_NAMES, type ConsoleRole, type ConsoleRoleHolder } from '@uia/schemas';
import { consoleApi } from '../../api.ts';
import { LoadedView } from '../../components/LoadedView.tsx';
import { Section } from '../../components/Section.tsx';
import { useAction } from '../../components/useAction.ts';
import { useLoaded } from '../../components/useLoaded.ts';
import { GrantRoleForm } from './GrantRoleForm.tsx';
import { RoleHolderTable } from './RoleHolderTable.tsx';

const text = ui.console.roles;

/** 角色管理 (安全管理员): who holds a console role; grant by exact identifier, revoke (never one's own). */
export function RolesPage() {
  const { loaded, reload } = useLoaded(consoleApi.roleHolders);
  const { busy, run } = useAction();

  async function grant(identifier: string, role: ConsoleRole): Promise<boolean> {
    const granted = await run(() => consoleApi.grantRole(identifier, role), {
      confirm: fillTemplate(text.confirmGrant, { roleName: CONSOLE_ROLE_NAMES[role] }),
      done: ({ holder }) => fillTemplate(text.granted, { name: holder.name, roleName: holder.roleName }),
    });
    reload();
    return granted !== null;
  }

  function revoke(holder: ConsoleRoleHolder) {
    void run(() => consoleApi.revokeRole(holder.accountId), {
      confirm: fillTemplate(text.confirmRevoke, { name: holder.name, roleName: holder.roleName }),
      done: () => fillTemplate(text.revoked, { name: holder.name }),
    }).then(reload);
  }

  return (
    <>
      <Section title={text.holdersTitle}>
        <LoadedView loaded={loaded}>{({ holders }) => <RoleHolderTable holders={holders} busy={busy} onRevoke={revoke} />}</LoadedView>
      </Section>
      <GrantRoleForm busy={busy} onGrant={grant} />
    </>
  );
}
