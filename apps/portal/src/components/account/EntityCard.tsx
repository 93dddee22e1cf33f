import { useId, useState } from 'react';
import { ui } from '@uia/i18n';
import type { AccountEntity } from '../../api.ts';
import { beijingDate, scopeText } from '../../entities.ts';
import { AgentsManager } from './AgentsManager.tsx';
import { Fact } from './Section.tsx';

const a = ui.account;

/**
 * One entity of 我的单位: the person's role in it; an agent sees their scope
 * and expiry, the representative gets 管理经办人 (opened on demand).
 */
export function EntityCard({ entity }: { entity: AccountEntity }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const isRepresentative = entity.role === 'legal_representative';
  const expires = entity.expiresAt ? beijingDate(entity.expiresAt, { inclusiveEnd: true }) : null;

  return (
    <article className="entity-card" aria-labelledby={`${id}-name`}>
      <div className="entity-card-head">
        <h3 id={`${id}-name`} className="entity-name">
          {entity.name}
        </h3>
        <span className={`role-badge role-${entity.role}`}>{a.roles[entity.role] ?? entity.role}</span>
      </div>
      <dl className="facts facts-compact">
        <Fact term={a.usccLabel}>
          <span className="mono">{entity.uscc}</span>
        </Fact>
        <Fact term={a.accountNameLabel}>{entity.accountName ?? <span className="account-muted">{a.accountNameNone}</span>}</Fact>
        {!isRepresentative && <Fact term={a.scopeLabel}>{scopeText(entity.services)}</Fact>}
        {!isRepresentative && expires && <Fact term={a.expiresLabel}>{expires}</Fact>}
      </dl>
      {isRepresentative && (
        <>
          <button
            type="button"
            className={`button button-outline button-small disclosure${open ? ' is-open' : ''}`}
            aria-expanded={open}
            aria-controls={`${id}-agents`}
            onClick={() => setOpen((o) => !o)}
          >
            {a.manageAgents}
          </button>
          <div id={`${id}-agents`} hidden={!open}>
            {open && <AgentsManager entity={entity} />}
          </div>
        </>
      )}
    </article>
  );
}
