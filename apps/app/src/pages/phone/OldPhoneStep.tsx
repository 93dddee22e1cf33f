import { useEffect, useState, type FormEvent } from 'react';
import { ui } from '@uia/i18n';
import { codeWaiting, errorMessage } from '@uia/web';
import { endpoints } from '../../api.ts';
import { SmsCodeField, useSmsCode } from '../../components/CodeFields.tsx';
import { SubmitButton } from '../../components/Field.tsx';
import { focusLater } from '../../focus-later.ts';

const p = ui.app.phone;

/** 1 验证身份 by the current phone: a code to it (POST /app/api/phone/old/send), then /old/verify gives the ticket. */
export function OldPhoneStep({ onTicket, onFlowError, onBack }: { onTicket: (ticket: string) => void; onFlowError: (error: unknown) => boolean; onBack: () => void }) {
  const sms = useSmsCode('old-smsCode', p);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  /** Shows the step's one error at the code input, unless the error ends the flow. */
  function fail(e: unknown) {
    if (onFlowError(e)) return;
    setError(errorMessage(e));
    focusLater(sms.id);
  }

  // After a reload: a code already waiting at the current phone is taken, with its countdown.
  const { start: startCountdown } = sms.countdown;
  const { setSentTo } = sms;
  useEffect(() => {
    endpoints.phoneOldCode().then(
      ({ code: waiting }) => {
        if (waiting) setSentTo({ maskedPhone: waiting.maskedPhone, minutes: codeWaiting({ start: startCountdown }, waiting) });
      },
      () => undefined,
    );
  }, [startCountdown, setSentTo]);

  async function send() {
    setError(null);
    await sms.send(endpoints.phoneOldSend, (result) => ({ maskedPhone: result.maskedPhone }), fail);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const problem = sms.problem();
    if (problem) {
      setError(problem);
      focusLater(sms.id);
      return;
    }
    setSubmitting(true);
    try {
      const { ticket } = await endpoints.phoneOldVerify({ smsCode: sms.code.trim() });
      onTicket(ticket);
    } catch (e: unknown) {
      setSubmitting(false);
      fail(e);
    }
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <h2 id="old-title" className="form-heading-small">
        {p.byOldPhone}
      </h2>
      <SmsCodeField texts={p} sms={sms} error={error} onEdit={() => setError(null)} onSend={() => void send()} />
      <SubmitButton busy={submitting} busyLabel={p.submitting}>
        {p.next}
      </SubmitButton>
      <button type="button" className="button button-plain button-block" onClick={onBack}>
        {p.otherMethod}
      </button>
    </form>
  );
}
