import { ui } from '@uia/i18n';
import type { PlatformHealthResponse } from '@uia/schemas';
import { Fact, FactGroup } from '../../components/Facts.tsx';
import { Section } from '../../components/Section.tsx';

const text = ui.console.health;

/** What /readyz checks, the versions running and the feature switches. */
export function HealthStatus({ health, onRefresh }: { health: PlatformHealthResponse; onRefresh: () => void }) {
  return (
    <Section
      title={text.title}
      actions={
        <button type="button" className="button button-ghost" onClick={onRefresh}>
          {text.refresh}
        </button>
      }
    >
      <p className={health.ready ? 'status-good' : 'status-bad'}>{health.ready ? text.ready : text.notReady}</p>
      <div className="columns">
        <FactGroup title={text.checks}>
          {Object.entries(health.checks).map(([name, state]) => (
            <Fact key={name} name={name} value={state === 'ok' ? text.checkOk : text.checkUnavailable} good={state === 'ok'} />
          ))}
        </FactGroup>
        <FactGroup title={text.versions}>
          <Fact name={text.platformVersion} value={health.versions.platform} />
          <Fact name={text.nodeVersion} value={health.versions.node} />
        </FactGroup>
        <FactGroup title={text.features}>
          {(Object.keys(text.featureNames) as (keyof typeof text.featureNames)[]).map((feature) => (
            <Fact key={feature} name={text.featureNames[feature]} value={health.features[feature] ? text.featureOn : text.featureOff} />
          ))}
        </FactGroup>
      </div>
    </Section>
  );
}
