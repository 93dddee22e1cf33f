import { useCallback, useEffect, useState } from 'react';
import { ui } from '@uia/i18n';
import { errorMessage } from '@uia/web';
import { endpoints, leaveIfLoggedOut, type AccountEntity, type AgentGrant } from '../../api.ts';
import { fill } from '../../text.ts';
import { AgentsTable } from './AgentsTable.tsx';
import { GrantForm } from './GrantForm.tsx';
import { LoadState } from './LoadState.tsx';
import { useLoad } from './useLoad.ts';

const a = ui.account;

/**
 * 管理经办人 of one entity (its representative only): the agents with 撤销,
 * the cap, and 授权经办人; the list reloads after each change.
 */
export function AgentsManager({ entity }: { entity: AccountEntity }) {
  const loadAgents = useCallback(() => endpoints.entityAgents(entity.id), [entity.id]);
  const [list, reload] = useLoad(loadAgents);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The grant being revoked: its 撤销 stays disabled from the request until the
  // reloaded list arrives, so a second click cannot revoke it again (AGENT_GRANT_NOT_FOUND).
  const [revoking, setRevoking] = useState<{ id: string; reloading: boolean } | null>(null);
  const title = fill(a.agentsTitle, { entity: entity.name });

  useEffect(() => {
    setRevoking((current) => (current?.reloading ? null : current));
  }, [list]);

  async function revoke(agent: AgentGrant) {
    if (revoking) return;
    if (!window.confirm(fill(a.revokeConfirm, { name: agent.person.name, idNumber: agent.person.idNumber }))) return;
    setRevoking({ id: agent.id, reloading: false });
    setNotice(null);
    setError(null);
    try {
      await endpoints.revokeAgent(entity.id, agent.id);
      setNotice(fill(a.revoked, { name: agent.person.name }));
    } catch (e: unknown) {
      if (leaveIfLoggedOut(e)) return;
      setError(errorMessage(e));
    }
    setRevoking({ id: agent.id, reloading: true });
    reload();
  }

  return (
    <section className="agents" aria-label={title}>
      {notice && (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {list.kind !== 'ready' ? (
        <LoadState state={list} onRetry={reload} />
      ) : (
        <>
          <p className="agents-cap">
            {fill(a.agentsCap, { maxAgents: list.data.maxAgents, count: list.data.agents.filter((g) => g.status === 'active').length })}
          </p>
          <AgentsTable title={title} agents={list.data.agents} revokingId={revoking?.id ?? null} onRevoke={revoke} />
          <GrantForm
            entityId={entity.id}
            services={list.data.services}
            onGranted={(agent) => {
              setError(null);
              setNotice(fill(a.granted, { name: agent.person.name }));
              reload();
            }}
          />
        </>
      )}
    </section>
  );
}
