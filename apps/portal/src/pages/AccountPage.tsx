import { useCallback, useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { formatMessage, ui } from '@uia/i18n';
import { validateUsername } from '@uia/validators';
import { describedBy, errorMessage, FieldError } from '@uia/web';
import { endpoints, leaveIfLoggedOut, type AccountEntity, type AccountPerson, type AgentGrant, type AgentList, type ServiceRef } from '../api.ts';
import { FormAlert, LabeledRow } from '../components/Field.tsx';
import { useApiForm } from '../components/useApiForm.ts';
import { beijingDate, beijingDayFrom, checkUscc, levelText, scopeText } from '../entities.ts';
import { fill } from '../text.ts';

const a = ui.account;

/** The longest grant the server accepts (docs/api.md: at most 5 years ahead). */
const MAX_GRANT_YEARS = 5;

type Loaded<T> = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; data: T };

/**
 * One GET of the user center, again on `reload()`; a lost session goes to
 * the login (the page then leaves, so it stays on loading).
 */
function useLoad<T>(load: () => Promise<T>): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => {
        if (live) setState({ kind: 'ready', data });
      },
      (error: unknown) => {
        if (!live || leaveIfLoggedOut(error)) return;
        setState({ kind: 'failed', message: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [load, generation]);
  return [state, useCallback(() => setGeneration((n) => n + 1), [])];
}

/** What a load shows until it is ready: loading, or its error with 重新加载. */
function LoadState({ state, onRetry }: { state: Exclude<Loaded<unknown>, { kind: 'ready' }>; onRetry: () => void }) {
  if (state.kind === 'loading') {
    return (
      <p className="account-muted" role="status">
        {a.loading}
      </p>
    );
  }
  return (
    <div className="alert alert-error" role="alert">
      {state.message}
      <button type="button" className="link-button account-retry" onClick={onRetry}>
        {a.retry}
      </button>
    </div>
  );
}

const loadMe = () => endpoints.accountMe();
const loadEntities = () => endpoints.accountEntities();

/** 用户中心 (/account): the logged-in person, 我的单位, 注册单位 and, for a representative, 管理经办人. */
export function AccountPage() {
  const [me, reloadMe] = useLoad(loadMe);

  return (
    <div className="container account-page">
      {me.kind === 'ready' ? (
        <>
          <AccountHead person={me.data.person} />
          <Profile person={me.data.person} />
          <Entities />
        </>
      ) : (
        <section className="panel account-panel" aria-labelledby="account-title">
          <h1 id="account-title" className="panel-title">
            {a.heading}
          </h1>
          <LoadState state={me} onRetry={reloadMe} />
        </section>
      )}
    </div>
  );
}

function AccountHead({ person }: { person: AccountPerson }) {
  const [leaving, setLeaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function logout() {
    setLeaving(true);
    setError(null);
    try {
      const { redirectTo } = await endpoints.accountLogout();
      window.location.assign(redirectTo);
    } catch (e: unknown) {
      if (leaveIfLoggedOut(e)) return;
      setLeaving(false);
      setError(errorMessage(e));
    }
  }

  return (
    <div className="account-head">
      <div>
        <h1 className="account-title">{a.heading}</h1>
        <p className="account-welcome">{fill(a.welcome, { name: person.name })}</p>
      </div>
      <button type="button" className="button button-outline" onClick={logout} disabled={leaving} aria-busy={leaving}>
        {leaving ? a.loggingOut : a.logout}
      </button>
      {error && (
        <p className="alert alert-error account-head-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** A term and its value in a description list. */
function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel account-panel" aria-labelledby={`${id}-title`}>
      <div className="section-head">
        <h2 id={`${id}-title`} className="section-title">
          {title}
        </h2>
      </div>
      {children}
    </section>
  );
}

function Profile({ person }: { person: AccountPerson }) {
  return (
    <Section id="account-profile" title={a.profileTitle}>
      <dl className="facts">
        <Fact term={a.nameLabel}>{person.name}</Fact>
        <Fact term={a.idNumberLabel}>{person.idNumber}</Fact>
        <Fact term={a.phoneLabel}>{person.phone ?? <span className="account-muted">{a.phoneUnbound}</span>}</Fact>
        <Fact term={a.levelLabel}>
          <span className="level-badge">{levelText(person.assuranceLevel)}</span>
        </Fact>
      </dl>
    </Section>
  );
}

function Entities() {
  const [list, reload] = useLoad(loadEntities);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <>
      <Section id="account-entities" title={a.entitiesTitle}>
        {notice && (
          <p className="alert alert-success" role="status">
            {notice}
          </p>
        )}
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

function EntityCard({ entity }: { entity: AccountEntity }) {
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

function AgentsManager({ entity }: { entity: AccountEntity }) {
  const loadAgents = useCallback(() => endpoints.entityAgents(entity.id), [entity.id]);
  const [list, reload] = useLoad(loadAgents);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const title = fill(a.agentsTitle, { entity: entity.name });

  async function revoke(agent: AgentGrant) {
    if (!window.confirm(fill(a.revokeConfirm, { name: agent.person.name, idNumber: agent.person.idNumber }))) return;
    setNotice(null);
    setError(null);
    try {
      await endpoints.revokeAgent(entity.id, agent.id);
      setNotice(fill(a.revoked, { name: agent.person.name }));
    } catch (e: unknown) {
      if (leaveIfLoggedOut(e)) return;
      setError(errorMessage(e));
    }
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
          <AgentsTable title={title} agents={list.data.agents} onRevoke={revoke} />
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

function AgentsTable({ title, agents, onRevoke }: { title: string; agents: AgentList['agents']; onRevoke: (agent: AgentGrant) => void }) {
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

type RegisterField = 'uscc' | 'name' | 'accountName';
const REGISTER_FIELDS: readonly RegisterField[] = ['uscc', 'name', 'accountName'];

function RegisterEntityForm({ onRegistered }: { onRegistered: (entity: AccountEntity) => void }) {
  const form = useApiForm(REGISTER_FIELDS, 'entity-register-error');
  const [values, setValues] = useState<Record<RegisterField, string>>({ uscc: '', name: '', accountName: '' });
  const { errors } = form;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const uscc = checkUscc(values.uscc);
    const name = values.name.trim();
    const accountName = values.accountName.trim();
    const account = accountName ? validateUsername(accountName) : null;
    void form.submit(
      {
        uscc: 'error' in uscc ? uscc.error : undefined,
        name: name ? undefined : a.entityNameRequired,
        accountName: account && !account.ok ? formatMessage(account.reason) : undefined,
      },
      () =>
        endpoints.registerEntity({
          uscc: 'value' in uscc ? uscc.value : values.uscc.trim(),
          name,
          ...(account?.ok ? { accountName: account.value } : {}),
        }),
      ({ entity }) => {
        setValues({ uscc: '', name: '', accountName: '' });
        onRegistered(entity);
      },
    );
  }

  const input = (field: RegisterField, props: { placeholder: string; maxLength: number; hint?: boolean; required?: boolean }) => (
    <input
      ref={form.control(field)}
      id={`entity-register-${field}`}
      name={field}
      className="input"
      type="text"
      autoComplete="off"
      spellCheck={false}
      placeholder={props.placeholder}
      maxLength={props.maxLength}
      value={values[field]}
      aria-required={props.required ?? true}
      aria-invalid={errors[field] ? true : undefined}
      aria-describedby={describedBy(`entity-register-${field}`, { error: errors[field], hint: props.hint })}
      onChange={(e) => {
        const value = e.target.value;
        setValues((v) => ({ ...v, [field]: value }));
        form.clear(field);
      }}
    />
  );

  return (
    <form className="account-form" noValidate onSubmit={onSubmit} aria-label={a.registerTitle}>
      <FormAlert id="entity-register-error" message={errors.form} />
      <LabeledRow id="entity-register-uscc" label={a.usccLabel} error={errors.uscc}>
        {input('uscc', { placeholder: a.usccPlaceholder, maxLength: 32 })}
      </LabeledRow>
      <LabeledRow id="entity-register-name" label={a.entityNameLabel} error={errors.name} hint={a.entityNameHint}>
        {input('name', { placeholder: a.entityNamePlaceholder, maxLength: 100, hint: true })}
      </LabeledRow>
      <LabeledRow id="entity-register-accountName" label={a.accountNameLabel} error={errors.accountName} hint={a.accountNameHint} required={false}>
        {input('accountName', { placeholder: a.accountNamePlaceholder, maxLength: 20, hint: true, required: false })}
      </LabeledRow>
      <div className="form-row form-row-offset">
        <button type="submit" className="button button-primary button-wide" disabled={form.submitting} aria-busy={form.submitting}>
          {form.submitting ? a.registering : a.registerSubmit}
        </button>
      </div>
    </form>
  );
}

type GrantField = 'agent' | 'services' | 'expiresOn';
const GRANT_FIELDS: readonly GrantField[] = ['agent', 'services', 'expiresOn'];

function GrantForm({ entityId, services, onGranted }: { entityId: string; services: ServiceRef[]; onGranted: (agent: AgentGrant) => void }) {
  const id = useId();
  const ids = { agent: `${id}-agent`, services: `${id}-services`, expiresOn: `${id}-expires`, alert: `${id}-error` };
  const form = useApiForm(GRANT_FIELDS, ids.alert);
  const { errors } = form;
  const [agent, setAgent] = useState('');
  const [allServices, setAllServices] = useState(true);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [expiresOn, setExpiresOn] = useState(() => beijingDayFrom(new Date(), { years: 1 }));
  const now = new Date();
  // Today is allowed: a grant runs to the end of its day, Beijing time (docs/api.md § User center).
  const firstDay = beijingDayFrom(now, {});
  const lastDay = beijingDayFrom(now, { years: MAX_GRANT_YEARS });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = agent.trim();
    const validExpiry = /^\d{4}-\d{2}-\d{2}$/.test(expiresOn) && expiresOn >= firstDay && expiresOn <= lastDay;
    void form.submit(
      {
        agent: value ? undefined : formatMessage('AGENT_IDENTIFIER_INVALID'),
        services: !allServices && chosen.size === 0 ? formatMessage('AGENT_SERVICES_INVALID') : undefined,
        expiresOn: !expiresOn
          ? a.expiresOnRequired
          : validExpiry
            ? undefined
            : formatMessage('AGENT_EXPIRY_INVALID', { maxYears: MAX_GRANT_YEARS }),
      },
      () =>
        endpoints.grantAgent(entityId, {
          agent: value,
          services: allServices ? null : services.filter((s) => chosen.has(s.id)).map((s) => s.id),
          expiresOn,
        }),
      ({ agent: granted }) => {
        setAgent('');
        setAllServices(true);
        setChosen(new Set());
        onGranted(granted);
      },
    );
  }

  function toggle(serviceId: string, on: boolean) {
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(serviceId);
      else next.delete(serviceId);
      return next;
    });
    form.clear('services');
  }

  return (
    <form className="account-form grant-form" noValidate onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} className="grant-title">
        {a.grantTitle}
      </h4>
      <FormAlert id={ids.alert} message={errors.form} />
      <LabeledRow id={ids.agent} label={a.agentLabel} error={errors.agent} hint={a.agentHint}>
        <input
          ref={form.control('agent')}
          id={ids.agent}
          name="agent"
          className="input"
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={32}
          placeholder={a.agentPlaceholder}
          value={agent}
          aria-required
          aria-invalid={errors.agent ? true : undefined}
          aria-describedby={describedBy(ids.agent, { error: errors.agent, hint: true })}
          onChange={(e) => {
            setAgent(e.target.value);
            form.clear('agent');
          }}
        />
      </LabeledRow>

      <div className="form-row labeled-row">
        <span id={`${ids.services}-label`} className="row-label">
          <span className="required-mark" aria-hidden="true">
            *
          </span>
          {a.scopeLabel}
        </span>
        <div className="row-control">
          <div
            role="radiogroup"
            aria-labelledby={`${ids.services}-label`}
            aria-describedby={describedBy(ids.services, { error: errors.services })}
            className="choice-line"
          >
            <label className="choice">
              <input
                ref={form.control('services')}
                type="radio"
                name={`${id}-scope`}
                checked={allServices}
                onChange={() => {
                  setAllServices(true);
                  form.clear('services');
                }}
              />
              {a.scopeAll}
            </label>
            <label className="choice">
              <input
                type="radio"
                name={`${id}-scope`}
                checked={!allServices}
                onChange={() => {
                  setAllServices(false);
                  form.clear('services');
                }}
              />
              {a.scopeSome}
            </label>
          </div>
          {allServices ? (
            <p className="field-hint">{a.scopeAllHint}</p>
          ) : (
            <div role="group" aria-label={a.scopeSome} className="service-choices">
              {services.map((service) => (
                <label key={service.id} className="choice">
                  <input
                    type="checkbox"
                    name="services"
                    value={service.id}
                    checked={chosen.has(service.id)}
                    aria-invalid={errors.services ? true : undefined}
                    onChange={(e) => toggle(service.id, e.target.checked)}
                  />
                  {service.name}
                </label>
              ))}
            </div>
          )}
          <FieldError id={ids.services} message={errors.services} />
        </div>
      </div>

      <LabeledRow
        id={ids.expiresOn}
        label={a.expiresOnLabel}
        error={errors.expiresOn}
        hint={fill(a.expiresOnHint, { maxYears: MAX_GRANT_YEARS })}
      >
        <input
          ref={form.control('expiresOn')}
          id={ids.expiresOn}
          name="expiresOn"
          className="input input-date"
          type="date"
          min={firstDay}
          max={lastDay}
          value={expiresOn}
          aria-required
          aria-invalid={errors.expiresOn ? true : undefined}
          aria-describedby={describedBy(ids.expiresOn, { error: errors.expiresOn, hint: true })}
          onChange={(e) => {
            setExpiresOn(e.target.value);
            form.clear('expiresOn');
          }}
        />
      </LabeledRow>

      <div className="form-row form-row-offset">
        <button type="submit" className="button button-primary" disabled={form.submitting} aria-busy={form.submitting}>
          {form.submitting ? a.granting : a.grantSubmit}
        </button>
      </div>
    </form>
  );
}
