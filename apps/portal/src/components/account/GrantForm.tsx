import { useId, useState, type FormEvent } from 'react';
import { formatMessage, ui } from '@uia/i18n';
import { describedBy, FieldError } from '@uia/web';
import { endpoints, type AgentGrant, type ServiceRef } from '../../api.ts';
import { beijingDayFrom } from '../../entities.ts';
import { fill } from '../../text.ts';
import { FormAlert, InputRow, SubmitRow } from '../Field.tsx';
import { TextField } from './TextField.tsx';
import { useApiForm } from '../useApiForm.ts';

const a = ui.account;

/** The longest grant the server accepts (docs/api.md: at most 5 years ahead). */
const MAX_GRANT_YEARS = 5;

type GrantField = 'agentName' | 'agent' | 'services' | 'expiresOn';
const GRANT_FIELDS: readonly GrantField[] = ['agentName', 'agent', 'services', 'expiresOn'];

/**
 * 授权经办人: a registered, verified person by name and ID number or phone
 * (the server finds no one unless both match the same account), 全部业务 or
 * chosen services, until a Beijing day (today up to MAX_GRANT_YEARS ahead).
 * Granting someone who already holds a grant replaces it (the form says so).
 */
export function GrantForm({ entityId, services, onGranted }: { entityId: string; services: ServiceRef[]; onGranted: (agent: AgentGrant) => void }) {
  const id = useId();
  const ids = { agentName: `${id}-agent-name`, agent: `${id}-agent`, services: `${id}-services`, expiresOn: `${id}-expires`, alert: `${id}-error` };
  const form = useApiForm(GRANT_FIELDS, ids.alert);
  const { errors } = form;
  const [agentName, setAgentName] = useState('');
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
    const name = agentName.trim();
    const value = agent.trim();
    const validExpiry = /^\d{4}-\d{2}-\d{2}$/.test(expiresOn) && expiresOn >= firstDay && expiresOn <= lastDay;
    void form.submit(
      {
        agentName: name ? undefined : a.agentNameRequired,
        agent: value ? undefined : formatMessage('AGENT_IDENTIFIER_INVALID'),
        services: !allServices && chosen.size === 0 ? formatMessage('AGENT_SERVICES_INVALID') : undefined,
        expiresOn: !expiresOn ? a.expiresOnRequired : validExpiry ? undefined : formatMessage('AGENT_EXPIRY_INVALID', { maxYears: MAX_GRANT_YEARS }),
      },
      () =>
        endpoints.grantAgent(entityId, {
          agentName: name,
          agent: value,
          services: allServices ? null : services.filter((s) => chosen.has(s.id)).map((s) => s.id),
          expiresOn,
        }),
      ({ agent: granted }) => {
        setAgentName('');
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
    <form className="account-form grant-form" noValidate onSubmit={onSubmit} aria-labelledby={`${id}-title`} aria-describedby={`${id}-note`}>
      <h4 id={`${id}-title`} className="grant-title">
        {a.grantTitle}
      </h4>
      <p id={`${id}-note`} className="grant-note">
        {a.grantReplaces}
      </p>
      <FormAlert id={ids.alert} message={errors.form} />
      <TextField id={ids.agentName} name="agentName" label={a.agentNameLabel} {...form.bind('agentName', agentName, setAgentName)} placeholder={a.agentNamePlaceholder} maxLength={60} />
      <TextField
        id={ids.agent}
        name="agent"
        label={a.agentLabel}
        hint={a.agentHint}
        {...form.bind('agent', agent, setAgent)}
        placeholder={a.agentPlaceholder}
        maxLength={32}
        autoCapitalize="characters"
      />

      <div className="form-row labeled-row">
        <span id={`${ids.services}-label`} className="row-label">
          <span className="required-mark" aria-hidden="true">
            *
          </span>
          {a.scopeLabel}
        </span>
        <div className="row-control">
          <div role="radiogroup" aria-labelledby={`${ids.services}-label`} aria-describedby={describedBy(ids.services, { error: errors.services })} className="choice-line">
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

      <InputRow
        id={ids.expiresOn}
        name="expiresOn"
        label={a.expiresOnLabel}
        hint={fill(a.expiresOnHint, { maxYears: MAX_GRANT_YEARS })}
        {...form.bind('expiresOn', expiresOn, setExpiresOn)}
        className="input input-date"
        type="date"
        min={firstDay}
        max={lastDay}
      />

      <SubmitRow className="button button-primary" submitting={form.submitting} label={a.grantSubmit} busyLabel={a.granting} />
    </form>
  );
}
