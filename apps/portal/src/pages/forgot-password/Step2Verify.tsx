import { useEffect, useRef, useState } from 'react';
import type { SentCodeState } from '@uia/schemas';
import { fill } from '../../text.ts';
import { f, id, type StartAnswer } from './flow.tsx';
import { Step2NoPhone } from './Step2NoPhone.tsx';
import { Step2RecoverForm } from './Step2RecoverForm.tsx';

/**
 * 2 验证身份: 通过手机号找回 (the bound phone, masked) → 前往找回 opens
 * {@link Step2RecoverForm}; without a bound phone, {@link Step2NoPhone}.
 * Its calls: POST /api/password-reset/send-code and /verify-code
 * (apps/idp/src/routes/password-reset.ts → apps/idp/src/services/password-reset/).
 */
export function Step2Verify({
  ticket,
  account,
  start,
  waiting,
  uid,
  onVerified,
  onNoPhone,
  onChangeAccount,
  onFlowError,
}: {
  ticket: string;
  account: string;
  start: StartAnswer;
  /** A code sent before a reload, still valid: the recover form opens ready for it. */
  waiting: SentCodeState | undefined;
  uid: string | null;
  onVerified: (ticket: string, idNumber: string) => void;
  onNoPhone: () => void;
  onChangeAccount: () => void;
  onFlowError: (message: string) => void;
}) {
  const [recovering, setRecovering] = useState(Boolean(waiting));
  const goButton = useRef<HTMLButtonElement>(null);

  const { phoneBound, maskedPhone } = start;

  useEffect(() => {
    if (phoneBound) goButton.current?.focus();
  }, [phoneBound]);

  if (!phoneBound) return <Step2NoPhone account={account} uid={uid} onChangeAccount={onChangeAccount} />;

  return (
    <div className="verify-step">
      <div className="method-card">
        <svg className="method-icon" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <rect x="9" y="3" width="14" height="26" rx="2.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
          <path d="M14 25h4" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
        <div className="method-text">
          <p className="method-account">
            {fill(f.accountShown, { account })}
            <button type="button" className="link-button method-change" onClick={onChangeAccount}>
              {f.changeAccount}
            </button>
          </p>
          <p className="method-title">{f.byPhoneTitle}</p>
          {maskedPhone ? (
            <>
              <p className="method-phone" id={id('phone')}>
                {f.byPhoneBefore}
                <strong className="masked-phone">{maskedPhone}</strong>
                {f.byPhoneAfter}
              </p>
              <p className="method-muted">{f.phoneNotYours}</p>
            </>
          ) : (
            <>
              <p className="method-phone" id={id('phone')}>
                {f.byBoundPhone}
              </p>
              <p className="method-muted">{f.phoneShownAfterIdNumber}</p>
            </>
          )}
          <p className="method-muted">{f.phoneStopped}</p>
        </div>
        {!recovering && (
          <button ref={goButton} type="button" className="button button-primary method-go" aria-describedby={id('phone')} onClick={() => setRecovering(true)}>
            {f.goRecover}
          </button>
        )}
      </div>

      {recovering && <Step2RecoverForm ticket={ticket} account={account} waiting={waiting} onVerified={onVerified} onNoPhone={onNoPhone} onFlowError={onFlowError} />}

      <aside className="notice lost-phone" aria-labelledby={id('lost-phone-title')}>
        <h2 id={id('lost-phone-title')} className="notice-title">
          {f.lostPhoneTitle}
        </h2>
        <p className="notice-text">{f.lostPhoneText}</p>
        <p className="notice-hint">{f.lostPhoneHint}</p>
      </aside>
    </div>
  );
}
