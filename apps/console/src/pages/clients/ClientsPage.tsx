import { useState } from 'react';
import { fillTemplate, ui } from '@uia/i18n';
import type { RelyingParty } from '@uia/schemas';
import { consoleApi } from '../../api.ts';
import { LoadedView } from '../../components/LoadedView.tsx';
import { Section } from '../../components/Section.tsx';
import { useAction } from '../../components/useAction.ts';
import { useLoaded } from '../../components/useLoaded.ts';
import { ClientForm } from './ClientForm.tsx';
import { EMPTY_CLIENT_FORM, formValuesOf, metadataOf, type ClientFormValues } from './client-form-values.ts';
import { ClientTable, type ClientActions } from './ClientTable.tsx';
import { SecretOnce } from './SecretOnce.tsx';

const text = ui.console.clients;

type Editing = { mode: 'register' } | { mode: 'edit'; client: RelyingParty } | null;

/** 依赖方管理 (系统管理员): the registry's list, the registration / edit form, a new secret once. */
export function ClientsPage() {
  const { loaded, reload } = useLoaded(consoleApi.clients);
  const { busy, run } = useAction();
  const [editing, setEditing] = useState<Editing>(null);
  const [secret, setSecret] = useState<{ clientId: string; name: string; secret: string } | null>(null);
  const nameOf = (client: RelyingParty) => ({ name: client.metadata.client_name });

  async function save(values: ClientFormValues) {
    if (!editing) return;
    const metadata = metadataOf(values);
    const saved =
      editing.mode === 'register'
        ? await run(() => consoleApi.registerClient(metadata), { done: ({ client }) => fillTemplate(text.registered, nameOf(client)) })
        : // An inline key set is not in the form: kept as registered.
          await run(() => consoleApi.updateClient(editing.client.client_id, { ...metadata, ...(editing.client.metadata.jwks ? { jwks: editing.client.metadata.jwks } : {}) }), {
            done: ({ client }) => fillTemplate(text.saved, nameOf(client)),
          });
    if (!saved) return;
    setEditing(null);
    if (saved.client_secret) setSecret({ clientId: saved.client.client_id, name: saved.client.metadata.client_name, secret: saved.client_secret });
    reload();
  }

  const actions: ClientActions = {
    edit: (client) => {
      setSecret(null);
      setEditing({ mode: 'edit', client });
    },
    setEnabled: (client, enabled) =>
      void run(() => consoleApi.setClientEnabled(client.client_id, enabled), {
        ...(enabled ? {} : { confirm: fillTemplate(text.confirmDisable, nameOf(client)) }),
        done: () => fillTemplate(enabled ? text.enabledDone : text.disabledDone, nameOf(client)),
      }).then(reload),
    remove: (client) =>
      void run(() => consoleApi.deleteClient(client.client_id), { confirm: fillTemplate(text.confirmDelete, nameOf(client)), done: () => fillTemplate(text.deletedDone, nameOf(client)) }).then(reload),
    rotateSecret: (client) =>
      void run(() => consoleApi.rotateClientSecret(client.client_id), { confirm: fillTemplate(text.confirmRotate, nameOf(client)), done: () => text.secretTitle }).then(
        (rotated) => rotated && setSecret({ clientId: rotated.client_id, name: client.metadata.client_name, secret: rotated.client_secret }),
      ),
  };

  return (
    <>
      {secret && <SecretOnce {...secret} onDismiss={() => setSecret(null)} />}
      <Section
        title={text.listTitle}
        actions={
          <button
            type="button"
            className="button button-primary"
            disabled={editing?.mode === 'register'}
            onClick={() => {
              setSecret(null);
              setEditing({ mode: 'register' });
            }}
          >
            {text.register}
          </button>
        }
      >
        <LoadedView loaded={loaded}>{({ clients }) => <ClientTable clients={clients} busy={busy} actions={actions} />}</LoadedView>
      </Section>
      {editing && (
        <ClientForm
          key={editing.mode === 'edit' ? editing.client.client_id : 'register'}
          title={editing.mode === 'edit' ? fillTemplate(ui.console.clientForm.editTitle, nameOf(editing.client)) : ui.console.clientForm.registerTitle}
          initial={editing.mode === 'edit' ? formValuesOf(editing.client) : EMPTY_CLIENT_FORM}
          submitLabel={editing.mode === 'edit' ? ui.console.clientForm.submitSave : ui.console.clientForm.submitRegister}
          busy={busy}
          onSubmit={(values) => void save(values)}
          onCancel={() => setEditing(null)}
        />
      )}
    </>
  );
}
