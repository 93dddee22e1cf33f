import { ui } from '@uia/i18n';
import type { AgentGrant, AgentList } from '../../api.ts';
import { beijingDate, scopeText } from '../../entities.ts';
import { fill } from '../../text.ts';

const a = ui.account;

/**
 * The entity's agents (masked), each with 撤销. One revocation at a time:
 * while `revokingId` is set every 撤销 is disabled, its own one marked busy.
 */
export function AgentsTable({ title, agents, revokingId, onRevoke }: { title: string; agents: AgentList['agents']; revokingId: string | null; onRevoke: (agent: AgentGrant) => void }) {
  if (agents.length === 0) return <p className="account-empty">{a.agentsEmpty}</p>;
  const c = a.agentColumns;
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{c.name}</th>
            <th scope="col">{c.idNumber}</th>
            <th scope="col">{c.scope}</th>
            <th scope="col">{c.expires}</th>
            <th scope="col">{c.status}</th>
            <th scope="col">{c.actions}</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((agent) => (
            <tr key={agent.id}>
              <td>{agent.person.name}</td>
              <td className="mono">{agent.person.idNumber}</td>
              <td>{scopeText(agent.services)}</td>
              <td>{beijingDate(agent.expiresAt, { inclusiveEnd: true }) ?? ''}</td>
              <td>
                <span className={`status-tag status-${agent.status}`}>{agent.status === 'active' ? a.statusActive : a.statusExpired}</span>
              </td>
              <td>
                <button
                  type="button"
                  className="link-button link-danger"
                  aria-label={fill(a.revokeLabel, { name: agent.person.name })}
                  disabled={revokingId !== null}
                  aria-busy={agent.id === revokingId || undefined}
                  onClick={() => onRevoke(agent)}
                >
                  {a.revoke}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
