import { useEffect, useState } from 'react';
import { ui } from '@uia/i18n';
import { errorMessage } from '@uia/web';
import { endpoints, type ConsentDetails } from '../api.ts';
import { fill } from '../text.ts';

type Decision = 'approve' | 'deny';

/**
 * 授权确认: a relying party sent `prompt=consent`, so the person (already
 * logged in) sees which service asks for what, and answers 同意 or 取消. Either
 * answer sends the browser back to the service (取消 as `access_denied`).
 */
export function ConsentPage({ uid }: { uid: string }) {
  const [details, setDetails] = useState<ConsentDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Decision | null>(null);

  useEffect(() => {
    let live = true;
    setDetails(null);
    setError(null);
    endpoints.consentDetails(uid).then(
      (answer) => live && setDetails(answer),
      (failure: unknown) => live && setError(errorMessage(failure)),
    );
    return () => {
      live = false;
    };
  }, [uid]);

  async function decide(decision: Decision) {
    setPending(decision);
    setError(null);
    try {
      const result = decision === 'approve' ? await endpoints.confirmConsent(uid) : await endpoints.denyConsent(uid);
      window.location.assign(result.redirectTo);
      // Stay pending while the browser leaves the page.
    } catch (failure: unknown) {
      setPending(null);
      setError(errorMessage(failure));
    }
  }

  return (
    <section className="panel narrow-panel consent-panel" aria-labelledby="consent-heading">
      <h1 id="consent-heading" className="panel-title">
        {ui.consent.heading}
      </h1>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {!details && !error && <p className="muted">{ui.consent.loading}</p>}
      {details && (
        <>
          <p className="consent-intro" data-testid="consent-client">
            {fill(ui.consent.intro, { client: details.client.name })}
          </p>
          <ul className="consent-scopes" aria-label={ui.consent.heading}>
            {details.scopes.map((scope) => (
              <li key={scope} data-scope={scope}>
                {ui.consent.scopes[scope] ?? scope}
              </li>
            ))}
          </ul>
          <p className="consent-note">{ui.consent.note}</p>
          <div className="consent-actions">
            <button type="button" className="button button-primary button-large" onClick={() => void decide('approve')} disabled={pending !== null} aria-busy={pending === 'approve'}>
              {pending === 'approve' ? ui.consent.approving : ui.consent.approve}
            </button>
            <button type="button" className="button button-outline button-large" onClick={() => void decide('deny')} disabled={pending !== null} aria-busy={pending === 'deny'}>
              {pending === 'deny' ? ui.consent.denying : ui.consent.deny}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
