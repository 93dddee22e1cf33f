import { useRef, useState, type FormEvent } from 'react';
import { formatMessage, ui } from '@uia/i18n';
import { maskPhone, validatePhone } from '@uia/validators';
import { ApiError, captchaFieldError, codeSent, describedBy, errorMessage, FieldError, Link, sendRefused, useCaptcha, useCountdown } from '@uia/web';
import { endpoints, type Me } from '../api.ts';
import { CaptchaField, SmsCodeField, type CodeSentTo } from '../components/CodeFields.tsx';
import { FaceCapture } from '../components/FaceCapture.tsx';
import { Field } from '../components/Field.tsx';
import { ChevronRight, FaceIcon, PhoneIcon } from '../components/Icons.tsx';
import { ResultPanel, Screen } from '../components/Layout.tsx';
import { Steps } from '../components/Steps.tsx';
import { fill } from '../format.ts';
import { FaceConsentCheck } from '../identity-form.tsx';
import { RequireLogin } from '../require-login.tsx';
import { paths } from '../router.ts';
import { useAuth, useSite } from '../state.tsx';

const p = ui.app.phone;

type Step =
  | { name: 'choose' }
  | { name: 'oldSms' }
  | { name: 'face'; capturing: boolean }
  | { name: 'new'; ticket: string }
  | { name: 'done'; maskedPhone: string }
  | { name: 'flowError'; message: string };

const focusLater = (id: string) => window.setTimeout(() => document.getElementById(id)?.focus(), 0);

/** 换绑手机号 (我的 → 设置 → 换绑手机号): prove the person, then SMS-verify the new phone. */
export function PhonePage() {
  return <RequireLogin here={paths.phone} title={p.pageTitle}>{(me) => <PhoneWizard me={me} />}</RequireLogin>;
}

function PhoneWizard({ me }: { me: Me }) {
  const auth = useAuth();
  const site = useSite();
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const current = step.name === 'new' ? 1 : step.name === 'done' ? 2 : 0;

  /** Errors that end this attempt: the ticket is gone, or the session is. */
  function flowError(error: unknown): boolean {
    if (error instanceof ApiError && error.code === 'APP_LOGIN_REQUIRED') {
      auth.loggedOut();
      return true;
    }
    if (error instanceof ApiError && error.code === 'PHONE_CHANGE_STEP_INVALID') {
      setStep({ name: 'flowError', message: error.message });
      return true;
    }
    return false;
  }

  let body;
  switch (step.name) {
    case 'choose':
      body = <Choose maskedPhone={me.person.maskedPhone} faceCheck={site.features.faceCheck} onChoose={(name) => setStep(name === 'face' ? { name, capturing: false } : { name })} />;
      break;
    case 'oldSms':
      body = <OldPhone onTicket={(ticket) => setStep({ name: 'new', ticket })} onFlowError={flowError} onBack={() => setStep({ name: 'choose' })} />;
      break;
    case 'face':
      body = (
        <FaceStep
          capturing={step.capturing}
          setCapturing={(capturing) => setStep({ name: 'face', capturing })}
          onTicket={(ticket) => setStep({ name: 'new', ticket })}
          onFlowError={flowError}
          onBack={() => setStep({ name: 'choose' })}
        />
      );
      break;
    case 'new':
      body = (
        <NewPhone
          ticket={step.ticket}
          onDone={(maskedPhone) => {
            setStep({ name: 'done', maskedPhone });
            void auth.refresh();
          }}
          onFlowError={flowError}
        />
      );
      break;
    case 'done':
      body = (
        <ResultPanel
          tone="success"
          title={p.doneTitle}
          actions={
            <Link to={paths.me} className="button button-primary button-block button-large" replace>
              {p.doneBack}
            </Link>
          }
        >
          <p>{fill(p.doneText, { phone: step.maskedPhone })}</p>
        </ResultPanel>
      );
      break;
    case 'flowError':
      body = (
        <ResultPanel
          tone="error"
          title={p.flowErrorTitle}
          actions={
            <button type="button" className="button button-primary button-block button-large" onClick={() => setStep({ name: 'choose' })}>
              {p.restart}
            </button>
          }
        >
          <p>{step.message}</p>
        </ResultPanel>
      );
      break;
  }

  if (step.name === 'face' && step.capturing) return <Screen title={p.pageTitle}>{body}</Screen>;
  return (
    <Screen title={p.pageTitle} back={paths.settings}>
      <Steps label={p.stepsLabel} names={p.steps} current={current} statusTemplate={p.stepStatus} />
      {body}
    </Screen>
  );
}

/** 换绑 by face only where the platform has a face verifier (UIA_FACE_PROVIDER). */
function Choose({ maskedPhone, faceCheck, onChoose }: { maskedPhone: string | null; faceCheck: boolean; onChoose: (step: 'oldSms' | 'face') => void }) {
  return (
    <section className="form" aria-labelledby="choose-title">
      <p className="form-intro">{maskedPhone ? fill(p.currentPhone, { phone: maskedPhone }) : p.noPhone}</p>
      <h2 id="choose-title" className="form-heading-small">
        {p.chooseTitle}
      </h2>
      <ul className="choices">
        <li>
          <button type="button" className="choice" onClick={() => onChoose('oldSms')} disabled={!maskedPhone}>
            <PhoneIcon className="choice-icon" />
            <span className="choice-text">
              <span className="choice-label">{p.byOldPhone}</span>
              <span className="choice-hint">{maskedPhone ? fill(p.byOldPhoneHint, { phone: maskedPhone }) : p.noPhone}</span>
            </span>
            <ChevronRight className="choice-chevron" />
          </button>
        </li>
        {faceCheck && (
        <li>
          <button type="button" className="choice" onClick={() => onChoose('face')}>
            <FaceIcon className="choice-icon" />
            <span className="choice-text">
              <span className="choice-label">{p.byFace}</span>
              <span className="choice-hint">{p.byFaceHint}</span>
            </span>
            <ChevronRight className="choice-chevron" />
          </button>
        </li>
        )}
      </ul>
    </section>
  );
}

function OldPhone({ onTicket, onFlowError, onBack }: { onTicket: (ticket: string) => void; onFlowError: (error: unknown) => boolean; onBack: () => void }) {
  const countdown = useCountdown();
  const [sending, setSending] = useState(false);
  const [sentTo, setSentTo] = useState<CodeSentTo | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

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

function FaceStep({
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
      <div className="consent">
        <FaceConsentCheck
          id="phone-faceConsent"
          checked={consent}
          onChange={(checked) => {
            setConsent(checked);
            if (checked) setError(null);
          }}
          error={error}
        />
        <FieldError id="phone-faceConsent" message={error} />
      </div>
      <button type="submit" className="button button-primary button-block button-large">
        {l.startFace}
      </button>
      <button type="button" className="button button-plain button-block" onClick={onBack}>
        {p.otherMethod}
      </button>
    </form>
  );
}

type NewField = 'phone' | 'captchaAnswer' | 'smsCode';

function NewPhone({ ticket, onDone, onFlowError }: { ticket: string; onDone: (maskedPhone: string) => void; onFlowError: (error: unknown) => boolean }) {
  const captcha = useCaptcha();
  const countdown = useCountdown();
  const [phone, setPhone] = useState('');
  const [captchaAnswer, setCaptchaAnswer] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Partial<Record<NewField, string>>>({});
  const [sending, setSending] = useState(false);
  const [sentTo, setSentTo] = useState<(CodeSentTo & { phone: string }) | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const id = (field: NewField) => `new-${field}`;

  function checkPhone(): string | null {
    if (!phone.trim()) {
      setErrors((e) => ({ ...e, phone: p.newPhoneRequired }));
      focusLater(id('phone'));
      return null;
    }
    const result = validatePhone(phone);
    if (!result.ok) {
      setErrors((e) => ({ ...e, phone: formatMessage(result.reason) }));
      focusLater(id('phone'));
      return null;
    }
    return result.value;
  }

  function placeServerError(error: unknown, fallback: NewField) {
    if (onFlowError(error)) return;
    const message = errorMessage(error);
    const code = error instanceof ApiError ? error.code : '';
    const field: NewField =
      error instanceof ApiError && (error.field === 'phone' || error.field === 'captchaAnswer' || error.field === 'smsCode')
        ? error.field
        : code.startsWith('PHONE_')
          ? 'phone'
          : code.startsWith('CAPTCHA_')
            ? 'captchaAnswer'
            : fallback;
    setErrors({ [field]: message });
    focusLater(id(field));
  }

  async function send() {
    if (sending || countdown.seconds > 0) return;
    const value = checkPhone();
    if (!value) return;
    if (!captchaAnswer.trim() || !captcha.id) {
      setErrors((e) => ({ ...e, captchaAnswer: captcha.id ? p.captchaRequired : ui.captcha.loadFailedMessage }));
      focusLater(id('captchaAnswer'));
      return;
    }
    setSending(true);
    setErrors({});
    try {
      const result = await endpoints.phoneNewSend({ ticket, phone: value, captchaId: captcha.id, captchaAnswer: captchaAnswer.trim() });
      setSentTo({ phone: value, maskedPhone: maskPhone(value), minutes: codeSent(countdown, result) });
      focusLater(id('smsCode'));
    } catch (error: unknown) {
      sendRefused(countdown, error);
      placeServerError(error, 'captchaAnswer');
    } finally {
      setSending(false);
      captcha.refresh();
      setCaptchaAnswer('');
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const value = checkPhone();
    if (!value) return;
    if (!sentTo || sentTo.phone !== value) {
      setErrors({ smsCode: p.sendFirst });
      focusLater(id('smsCode'));
      return;
    }
    if (!/^\d{6}$/.test(code.trim())) {
      setErrors({ smsCode: p.smsCodeRequired });
      focusLater(id('smsCode'));
      return;
    }
    setSubmitting(true);
    try {
      const result = await endpoints.phoneNewVerify({ ticket, phone: value, smsCode: code.trim() });
      onDone(result.maskedPhone);
    } catch (error: unknown) {
      setSubmitting(false);
      placeServerError(error, 'smsCode');
    }
  }

  const captchaError = captchaFieldError(captcha, errors.captchaAnswer);
  const clear = (field: NewField) => errors[field] && setErrors((e) => ({ ...e, [field]: undefined }));

  return (
    <form ref={formRef} className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <h2 id="new-title" className="form-heading-small">
        {p.steps[1]}
      </h2>
      <Field id={id('phone')} label={p.newPhoneLabel} error={errors.phone}>
        <input
          id={id('phone')}
          name="phone"
          className="input"
          type="tel"
          inputMode="numeric"
          autoComplete="tel-national"
          maxLength={11}
          placeholder={p.newPhonePlaceholder}
          value={phone}
          onChange={(e) => {
            setPhone(e.target.value);
            clear('phone');
          }}
          aria-invalid={errors.phone ? true : undefined}
          aria-describedby={describedBy(id('phone'), { error: errors.phone })}
        />
      </Field>
      <CaptchaField
        id={id('captchaAnswer')}
        label={p.captchaLabel}
        placeholder={p.captchaPlaceholder}
        captcha={captcha}
        value={captchaAnswer}
        onChange={(value) => {
          setCaptchaAnswer(value);
          clear('captchaAnswer');
        }}
        error={captchaError}
      />
      <SmsCodeField
        id={id('smsCode')}
        label={p.smsCodeLabel}
        placeholder={p.smsCodePlaceholder}
        value={code}
        onChange={(value) => {
          setCode(value);
          clear('smsCode');
        }}
        error={errors.smsCode}
        sentTo={sentTo}
        countdown={countdown}
        sending={sending}
        onSend={() => void send()}
      />
      <button type="submit" className="button button-primary button-block button-large" disabled={submitting} aria-busy={submitting}>
        {submitting ? p.submitting : p.submit}
      </button>
    </form>
  );
}
