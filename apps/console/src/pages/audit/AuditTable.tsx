import { fillTemplate, ui } from '@uia/i18n';
import { CONSOLE_ROLE_NAMES, type AuditEventView } from '@uia/schemas';
import { DataTable } from '../../components/DataTable.tsx';
import { formatTime } from '../../format.ts';

const text = ui.console.audit;

/** What else an event says (detail, target, changes), on one line: key=value, changes as before→after. */
function detailOf(event: AuditEventView): string {
  const parts: string[] = [];
  if (event.target) parts.push(`target=${event.target}`);
  for (const [key, value] of Object.entries(event.detail ?? {})) parts.push(`${key}=${String(value)}`);
  for (const [key, change] of Object.entries(event.changes ?? {})) parts.push(`${key}: ${String(change.before)}→${String(change.after)}`);
  return parts.join('; ');
}

/** One page of the trail, newest first. */
export function AuditTable({ events }: { events: AuditEventView[] }) {
  if (events.length === 0) return <p className="muted">{text.empty}</p>;
  return (
    <>
      <p className="muted" role="status">
        {fillTemplate(text.count, { count: events.length })}
      </p>
      <DataTable label={text.resultsTitle} columns={text.columns} dense>
        {events.map((event) => (
          <tr key={event.seq}>
            <th scope="row">{event.seq}</th>
            <td className="nowrap">{formatTime(event.at)}</td>
            <td>
              <code>{event.type}</code>
            </td>
            <td className={event.outcome === 'success' ? 'status-good' : 'status-bad'}>{text.outcomes[event.outcome]}</td>
            <td>{event.actor ? `${event.actor.accountId}（${CONSOLE_ROLE_NAMES[event.actor.role]}）` : ''}</td>
            <td>{event.accountId ?? ''}</td>
            <td>{event.clientId ?? ''}</td>
            <td>{event.ip ?? ''}</td>
            <td className="detail">{detailOf(event)}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
