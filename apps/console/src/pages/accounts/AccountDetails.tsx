import { fillTemplate, ui } from '@uia/i18n';
import type { AdminAccountView } from '@uia/schemas';
import { ID_TYPES } from '@uia/validators';
import { Fact, FactGroup } from '../../components/Facts.tsx';
import { Section } from '../../components/Section.tsx';
import { formatTime } from '../../format.ts';

const text = ui.console.accounts;
const levelName = (level: string) => `${level} ${ui.account.levels[level] ?? ''}`.trim();

/** The masked account view: who, level and state, logins, sessions, services, entities. */
export function AccountDetails({ account }: { account: AdminAccountView }) {
  const idTypeName = ID_TYPES.find((type) => type.value === account.idType)?.label ?? account.idType;
  return (
    <Section title={text.viewTitle}>
      <div className="columns">
        <FactGroup title={account.name}>
          <Fact name={text.username} value={account.username ?? ui.console.none} />
          <Fact name={`${text.idNumber}（${idTypeName}）`} value={account.idNumber} />
          <Fact name={text.phone} value={account.phone ?? ui.console.none} />
          <Fact name={text.phoneBound} value={account.phoneBound ? ui.console.yes : ui.console.no} />
          <Fact name={text.registeredAt} value={formatTime(account.registeredAt)} />
        </FactGroup>
        <FactGroup title={text.status}>
          <Fact name={text.level} value={levelName(account.assuranceLevel)} />
          <Fact name={text.status} value={account.status === 'active' ? text.statusActive : text.statusDisabled} good={account.status === 'active'} />
          <Fact
            name={text.lock}
            value={`${account.throttle.locked ? text.locked : text.notLocked}；${fillTemplate(text.failuresToday, { count: account.throttle.failuresToday })}`}
            good={!account.throttle.locked}
          />
          <Fact
            name={text.inPersonCheck}
            value={account.inPersonCheck ? fillTemplate(text.inPersonCheckDone, { at: formatTime(account.inPersonCheck.at), reference: account.inPersonCheck.reference }) : ui.console.none}
          />
        </FactGroup>
      </div>
      <h3>{text.lastLogins}</h3>
      <List
        items={account.lastLogins.map((login) => `${formatTime(login.at)} · ${text.loginMethods[login.method]} · ${login.service?.name ?? text.platformPages}${login.acr ? ` · ${login.acr}` : ''}`)}
      />
      <h3>{text.browsers}</h3>
      <List items={account.browsers.map((session) => [session.browser, session.os, session.place].filter(Boolean).join(' · ') || session.id)} />
      <h3>{text.apps}</h3>
      <List items={account.apps.map((session) => `${session.device} · ${formatTime(session.createdAt)}`)} />
      <h3>{text.services}</h3>
      <List items={account.services.map((service) => service.name)} />
      <h3>{text.entities}</h3>
      <List items={account.entities.map((entity) => `${entity.name}（${entity.uscc}）`)} />
    </Section>
  );
}

function List({ items }: { items: string[] }) {
  if (items.length === 0) return <p className="muted">{ui.console.none}</p>;
  return (
    <ul className="plain-list">
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ul>
  );
}
