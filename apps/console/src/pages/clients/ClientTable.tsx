import { ui } from '@uia/i18n';
import type { RelyingParty } from '@uia/schemas';

import { DataTable } from '../../components/DataTable.tsx';

const text = ui.console.clients;

export interface ClientActions {
  edit: (client: RelyingParty) => void;
  setEnabled: (client: RelyingParty, enabled: boolean) => void;
  remove: (client: RelyingParty) => void;
  rotateSecret: (client: RelyingParty) => void;
}

/** The registered relying parties; built-in ones are shown without actions. */
export function ClientTable({ clients, busy, actions }: { clients: RelyingParty[]; busy: boolean; actions: ClientActions }) {
  if (clients.length === 0) return <p className="muted">{text.empty}</p>;
  return (
    <DataTable label={text.listTitle} columns={text.columns}>
      {clients.map((client) => (
        <tr key={client.client_id}>
          <th scope="row">{client.metadata.client_name}</th>
          <td>
            <code>{client.client_id}</code>
          </td>
          <td>{client.type === 'confidential' ? text.typeConfidential : text.typePublic}</td>
          <td>{client.enabled ? text.enabled : text.disabled}</td>
          <td>{client.built_in ? <span className="muted">{text.builtIn}</span> : <RowActions client={client} busy={busy} actions={actions} />}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function RowActions({ client, busy, actions }: { client: RelyingParty; busy: boolean; actions: ClientActions }) {
  // Each button names its client for a screen reader going through the buttons alone.
  const named = (label: string) => `${label}：${client.metadata.client_name}`;
  return (
    <div className="row-actions">
      <button type="button" className="button button-small" aria-label={named(text.edit)} disabled={busy} onClick={() => actions.edit(client)}>
        {text.edit}
      </button>
      <button type="button" className="button button-small" aria-label={named(client.enabled ? text.disable : text.enable)} disabled={busy} onClick={() => actions.setEnabled(client, !client.enabled)}>
        {client.enabled ? text.disable : text.enable}
      </button>
      {client.type === 'confidential' && client.metadata.token_endpoint_auth_method !== 'private_key_jwt' && (
        <button type="button" className="button button-small" aria-label={named(text.rotateSecret)} disabled={busy} onClick={() => actions.rotateSecret(client)}>
          {text.rotateSecret}
        </button>
      )}
      <button type="button" className="button button-small button-danger" aria-label={named(text.delete)} disabled={busy} onClick={() => actions.remove(client)}>
        {text.delete}
      </button>
    </div>
  );
}
