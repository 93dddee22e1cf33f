import { useState } from 'react';
import { ui } from '@uia/i18n';
import { endpoints } from '../../api.ts';
import { fill } from '../../text.ts';
import { ChangeAlerts } from './ChangeAlerts.tsx';
import { EntityCard } from './EntityCard.tsx';
import { LoadState } from './LoadState.tsx';
import { RegisterEntityForm } from './RegisterEntityForm.tsx';
import { Section } from './Section.tsx';
import { useLoad } from './useLoad.ts';

const a = ui.account;

const loadEntities = () => endpoints.accountEntities();

/** 我的单位 (the person's entities) and 注册单位, which reloads the list once an entity is registered. */
export function Entities() {
  const [list, reload] = useLoad(loadEntities);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <>
      <Section id="account-entities" title={a.entitiesTitle}>
        <ChangeAlerts notice={notice} />
        {list.kind !== 'ready' ? (
          <LoadState state={list} onRetry={reload} />
        ) : list.data.entities.length === 0 ? (
          <p className="account-empty" data-testid="entities-empty">
            {a.entitiesEmpty}
          </p>
        ) : (
          <>
            <p className="section-intro">{a.entitiesIntro}</p>
            <ul className="entity-list" aria-labelledby="account-entities-title">
              {list.data.entities.map((entity) => (
                <li key={entity.id}>
                  <EntityCard entity={entity} />
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>
      <Section id="account-register" title={a.registerTitle}>
        <p className="section-intro">{a.registerIntro}</p>
        <RegisterEntityForm
          onRegistered={(entity) => {
            setNotice(fill(a.registered, { name: entity.name }));
            reload();
          }}
        />
      </Section>
    </>
  );
}
