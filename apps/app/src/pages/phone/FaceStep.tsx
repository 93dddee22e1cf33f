import { useState, type FormEvent } from 'react';
import { formatMessage, ui } from '@uia/i18n';
import { endpoints } from '../../api.ts';
import { FaceCapture } from '../../components/FaceCapture.tsx';
import { focusLater } from '../../focus-later.ts';
import { FaceConsent } from '../../identity-form.tsx';

const p = ui.app.phone;

/** 1 验证身份 by face: consent, then the camera (POST /app/api/phone/face gives the ticket). */
export function FaceStep({
  capturing,
  setCapturing,
  onTicket,
  onFlowError,
  onBack,
}: {
  capturing: boolean;
  setCapturing: (capturing: boolean) => void;
  onTicket: (ticket: string) => void;
  onFlowError: (error: unknown) => boolean;
  onBack: () => void;
}) {
  const l = ui.app.login;
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (capturing) {
    return (
      <FaceCapture
        verify={async (capture) => {
          const { ticket } = await endpoints.phoneFace({ faceConsent: true, ...capture });
          onTicket(ticket);
        }}
        onError={onFlowError}
        onCancel={() => setCapturing(false)}
      />
    );
  }

  function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!consent) {
      setError(formatMessage('FACE_CONSENT_REQUIRED'));
      focusLater('phone-faceConsent');
      return;
    }
    setCapturing(true);
  }

  return (
    <form className="form" noValidate onSubmit={start}>
      <h2 id="face-step-title" className="form-heading-small">
        {p.byFace}
      </h2>
      <div className="consent-text">
        <h3 className="consent-title">{l.faceConsentTitle}</h3>
        {l.faceConsentText.slice(0, 2).map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
      </div>
      <FaceConsent
        id="phone-faceConsent"
        checked={consent}
        onChange={(checked) => {
          setConsent(checked);
          if (checked) setError(null);
        }}
        error={error}
      />
      <button type="submit" className="button button-primary button-block button-large">
        {l.startFace}
      </button>
      <button type="button" className="button button-plain button-block" onClick={onBack}>
        {p.otherMethod}
      </button>
    </form>
  );
}
