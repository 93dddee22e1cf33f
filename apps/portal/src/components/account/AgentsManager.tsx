import { useCallback } from 'react';
import { ui } from '@uia/i18n';
import { endpoints, type AccountEntity, type AgentGrant } from '../../api.ts';
import { fill } from '../../text.ts';
import { AgentsTable } from './AgentsTable.tsx';
import { ChangeAlerts } from './ChangeAlerts.tsx';
import { GrantForm } from './GrantForm.tsx';
import { LoadState } from './LoadState.tsx';
import { useListChange } from './useListChange.ts';
import { useLoad } from './useLoad.ts';

const a = ui.account;

/**
 * 管理经办人 of one entity (its representative only): the agents with 撤销,
 * the cap, and 授权经办人; the list reloads after each change.
 */
export function AgentsManager({ entity }: { entity: AccountEntity }) {
  const loadAgents = useCallback(() => endpoints.entityAgents(entity.id), [entity.id]);
  const [list, reload] = useLoad(loadAgents);
  const { notice, error, busy: revoking, change, announce } = useListChange(list, reload);
  const title = fill(a.agentsTitle, { entity: entity.name });

  const revoke = (agent: AgentGrant) =>
    change(agent.id, fill(a.revokeConfirm, { name: agent.person.name, idNumber: agent.person.idNumber }), async () => {
      await endpoints.revokeAgent(entity.id, agent.id);
      return fill(a.revoked, { name: agent.person.name });
    });

  return (
    <section className="agents" aria-label={title}>
      <ChangeAlerts notice={notice} error={error} />
      {list.kind !== 'ready' ? (
        <LoadState state={list} onRetry={reload} />
      ) : (
        <>
          <p className="agents-cap">{fill(a.agentsCap, { maxAgents: list.data.maxAgents, count: list.data.agents.filter((g) => g.status === 'active').length })}</p>
          <AgentsTable title={title} agents={list.data.agents} revokingId={revoking?.id ?? null} onRevoke={(agent) => void revoke(agent)} />
          <GrantForm
            entityId={entity.id}
            services={list.data.services}
            onGranted={(agent) => {
              announce(fill(a.granted, { name: agent.person.name }));
              reload();
            }}
          />
        </>
      )}
    </section>
  );
}
