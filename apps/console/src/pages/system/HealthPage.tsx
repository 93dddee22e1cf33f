import { useState } from 'react';
import { fillTemplate, ui } from '@uia/i18n';
import type { PlatformHealthResponse } from '@uia/schemas';
import { errorMessage } from '@uia/web';
import { consoleApi } from '../../api.ts';
import { LoadState } from '../../components/LoadState.tsx';
import { useConsoleLoad } from '../../components/use-console-load.ts';
import { leaveIfConsoleSessionEnded } from '../../session.ts';

const h = ui.console.health;

/** 运行状态 (系统管理员, read-only) and 签名密钥轮换. */
export function HealthPage() {
  const [health, reload] = useConsoleLoad(consoleApi.health);
  return (
    <>
      <div className="page-head">
        <h1 className="page-title">{h.heading}</h1>
        <button type="button" className="button button-outline" onClick={reload}>
          {h.refresh}
        </button>
      </div>
      {health.kind === 'ready' ? <HealthReport health={health.data} /> : <LoadState state={health} onRetry={reload} />}
      <SigningKeys />
    </>
  );
}

function HealthReport({ health }: { health: PlatformHealthResponse }) {
  const checkName = (name: string) => (name in h.checks ? h.checks[name as keyof typeof h.checks] : name);
  return (
    <>
      <section className="panel" aria-labelledby="health-readiness">
        <h2 id="health-readiness" className="panel-subtitle">
          {h.readiness}
        </h2>
        <p className={health.ready ? 'status-ok' : 'status-bad'}>{health.ready ? h.ready : h.notReady}</p>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{h.checkColumn}</th>
              <th scope="col">{h.stateColumn}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(health.checks).map(([name, state]) => (
              <tr key={name}>
                <th scope="row">{checkName(name)}</th>
                <td className={state === 'ok' ? 'status-ok' : 'status-bad'}>{state === 'ok' ? h.ok : h.unavailable}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-labelledby="health-versions">
        <h2 id="health-versions" className="panel-subtitle">
          {h.versions}
        </h2>
        <p>
          {fillTemplate(h.platformVersion, { version: health.versions.platform })} · {fillTemplate(h.nodeVersion, { version: health.versions.node })}
        </p>
        <h2 className="panel-subtitle">{h.features}</h2>
        <dl className="facts-list">
          {(Object.keys(h.featureNames) as (keyof typeof h.featureNames)[]).map((key) => (
            <div key={key}>
              <dt>{h.featureNames[key]}</dt>
              <dd>{health.features[key] ? h.on : h.off}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}

/** 签名密钥轮换: new RS256 and ES256 keys (every node signs with them after its next restart). */
function SigningKeys() {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  async function rotate() {
    if (!window.confirm(h.rotateConfirm)) return;
    setBusy(true);
    setOutcome(null);
    try {
      const { kids } = await consoleApi.rotateSigningKeys();
      setOutcome({ ok: true, text: fillTemplate(h.rotated, { kids: kids.join('、') }) });
    } catch (error: unknown) {
      if (leaveIfConsoleSessionEnded(error)) return;
      setOutcome({ ok: false, text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="health-signing-keys">
      <h2 id="health-signing-keys" className="panel-subtitle">
        {h.signingKeys}
      </h2>
      <p>{h.signingKeysText}</p>
      <button type="button" className="button button-primary" onClick={() => void rotate()} disabled={busy} aria-busy={busy}>
        {busy ? h.rotating : h.rotate}
      </button>
      <div aria-live="polite">
        {outcome && (
          <p className={outcome.ok ? 'alert alert-success' : 'alert alert-error'} role={outcome.ok ? 'status' : 'alert'}>
            {outcome.text}
          </p>
        )}
      </div>
    </section>
  );
}
