import { ui } from '@uia/i18n';
import type { ConsoleRoleHolder } from '@uia/schemas';
import { DataTable } from '../../components/DataTable.tsx';
import { formatTime } from '../../format.ts';

const text = ui.console.roles;

/** The role holders, masked. The server refuses revoking one's own role (it answers with the reason). */
export function RoleHolderTable({ holders, busy, onRevoke }: { holders: ConsoleRoleHolder[]; busy: boolean; onRevoke: (holder: ConsoleRoleHolder) => void }) {
  if (holders.length === 0) return <p className="muted">{text.empty}</p>;
  return (
    <DataTable label={text.holdersTitle} columns={text.columns}>
      {holders.map((holder) => (
        <tr key={holder.accountId}>
          <th scope="row">{holder.name}</th>
          <td>{holder.idNumber}</td>
          <td>{holder.roleName}</td>
          <td>{formatTime(holder.grantedAt)}</td>
          <td>
            <button type="button" className="button button-small button-danger" aria-label={`${text.revoke}：${holder.name}（${holder.roleName}）`} disabled={busy} onClick={() => onRevoke(holder)}>
              {text.revoke}
            </button>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
