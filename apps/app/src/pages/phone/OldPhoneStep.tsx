import { useEffect, useState, type FormEvent } from 'react';
import { ui } from '@uia/i18n';
import { codeSent, codeWaiting, errorMessage, sendRefused, useCountdown } from '@uia/web';
import { endpoints } from '../../api.ts';
import { SmsCodeField, type CodeSentTo } from '../../components/CodeFields.tsx';
import { focusLater } from '../../focus-later.ts';

const p = ui.app.phone;

/** 1 验证身份 by the current phone: a code to it (POST /app/api/phone/old/send), then /old/verify gives the ticket. */
export function OldPhoneStep({ onTicket, onFlowError, onBack }: { onTicket: (ticket: string) => void; onFlowError: (error: unknown) => boolean; onBack: () => void }) {
  const countdown = useCountdown();
  const [sending, setSending] = useState(false);
  const [sentTo, setSentTo] = useState<CodeSentTo | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  // After a reload: a code already waiting at the current phone is taken, with its countdown.
  const { start: startCountdown } = countdown;
  useEffect(() => {
    endpoints.phoneOldCode().then(
      ({ code: waiting }) => {
        if (waiting) setSentTo({ maskedPhone: waiting.maskedPhone, minutes: codeWaiting({ start: startCountdown }, waiting) });
      },
      () => undefined,
    );
  }, [startCountdown]);

  async function send() {
    if (sending || countdown.seconds > 0) return;
    setSending(true);
    setError(null);
    try {
      const result = await endpoints.phoneOldSend();
      setSentTo({ maskedPhone: result.maskedPhone, minutes: codeSent(countdown, result) });
      focusLater('old-smsCode');
    } catch (e: unknown) {
      if (onFlowError(e)) return;
      sendRefused(countdown, e);
      setError(errorMessage(e));
      focusLater('old-smsCode');
    } finally {
      setSending(false);
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const problem = !sentTo ? p.sendFirst : !/^\d{6}$/.test(code.trim()) ? p.smsCodeRequired : null;
    if (problem) {
      setError(problem);
      focusLater('old-smsCode');
      return;
    }
    setSubmitting(true);
    try {
      const { ticket } = await endpoints.phoneOldVerify({ smsCode: code.trim() });
      onTicket(ticket);
    } catch (e: unknown) {
      setSubmitting(false);
      if (onFlowError(e)) return;
      setError(errorMessage(e));
      focusLater('old-smsCode');
    }
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <h2 id="old-title" className="form-heading-small">
        {p.byOldPhone}
      </h2>
      <SmsCodeField
        id="old-smsCode"
        label={p.smsCodeLabel}
        placeholder={p.smsCodePlaceholder}
        value={code}
        onChange={(value) => {
          setCode(value);
          setError(null);
        }}
        error={error}
        sentTo={sentTo}
        countdown={countdown}
        sending={sending}
        onSend={() => void send()}
      />
      <button type="submit" className="button button-primary button-block button-large" disabled={submitting} aria-busy={submitting}>
        {submitting ? p.submitting : p.next}
      </button>
      <button type="button" className="button button-plain button-block" onClick={onBack}>
        {p.otherMethod}
      </button>
    </form>
  );
}
