import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { formatMessage, ui } from '@uia/i18n';
import { birthDateFromIdNumber, normalizeIdentifier, normalizeIdNumber, PASSWORD_LENGTH, validatePassword, type IdentifierKind, type PasswordContext } from '@uia/validators';
import { ApiError, captchaFieldError, CaptchaInput, codeSent, describedBy, errorMessage, Link, sendRefused, SmsCodeInput, useCaptcha, useCountdown } from '@uia/web';
import { endpoints } from '../api.ts';
import { FormAlert, LabeledRow } from '../components/Field.tsx';
import { loginPath } from '../router.ts';
import { fill } from '../text.ts';

const f = ui.forgot;

/**
 * 忘记密码 (manual 二.3): 1 填写账户名 → 2 验证身份 → 3 设置新密码 → 4 完成.
 * Each step's answer carries the ticket the next step presents; tickets live
 * in this component's state only (the server also binds the flow to this
 * browser with an HttpOnly cookie).
 */
type Stage =
  | { step: 1 }
  | { step: 2; ticket: string; account: string; start: StartAnswer }
  | { step: 3; ticket: string; context: PasswordContext }
  | { step: 4 };

/**
 * Step 1's answer: whether a phone is bound, and its mask only when the
 * account name typed was that phone (for a username or ID number the mask
 * comes with the SMS code, once the ID number matched: docs/api.md).
 */
interface StartAnswer {
  phoneBound: boolean;
  maskedPhone: string | null;
}

/** Answers that end the whole flow: only 重新开始 helps. */
const FLOW_ERRORS = new Set(['RESET_TICKET_INVALID', 'RESET_TICKET_OTHER_BROWSER', 'RESET_STEP_SKIPPED', 'RESET_ATTEMPTS_EXCEEDED']);

function isFlowError(error: unknown): error is ApiError {
  return error instanceof ApiError && FLOW_ERRORS.has(error.code);
}

const id = (name: string) => `forgot-${name}`;

const ACCOUNT_NAME_KINDS: readonly IdentifierKind[] = ['username', 'phone', 'id_number'];

/**
 * The message of a failed call; RATE_LIMITED on the budget of the account
 * name as typed (`scope: account_name`) adds that the account's other names
 * (e.g. its phone number or ID number instead of the username) still work.
 */
function messageFor(error: unknown, account: string): string {
  const message = errorMessage(error);
  if (!(error instanceof ApiError && error.code === 'RATE_LIMITED' && error.scope === 'account_name')) return message;
  const typed = normalizeIdentifier(account).kind;
  const others = ACCOUNT_NAME_KINDS.filter((kind) => kind !== typed).map((kind) => f.accountNameKinds[kind]);
  return fill(f.rateLimitedByName, { message, others: others.join(f.accountNameKindsJoin) });
}

export function ForgotPasswordPage({ uid }: { uid: string | null }) {
  const [stage, setStage] = useState<Stage>({ step: 1 });
  const [flowError, setFlowError] = useState<string | null>(null);
  // What was typed at step 1, kept for 重新开始 / 更换账户名.
  const [account, setAccount] = useState('');
  // A new key remounts step 1, which fetches a fresh captcha.
  const [round, setRound] = useState(0);

  function restart() {
    setFlowError(null);
    setStage({ step: 1 });
    setRound((n) => n + 1);
  }

  const total = f.steps.length;
  const stepName = f.steps[stage.step - 1] ?? '';

  let content: ReactNode;
  if (flowError) {
    content = <FlowError message={flowError} uid={uid} onRestart={restart} />;
  } else if (stage.step === 1) {
    content = (
      <AccountStep
        key={round}
        initialAccount={account}
        onDone={(typed, ticket, start) => {
          setAccount(typed);
          setStage({ step: 2, ticket, account: typed, start });
        }}
        onFlowError={setFlowError}
      />
    );
  } else if (stage.step === 2) {
    content = (
      <VerifyStep
        ticket={stage.ticket}
        account={stage.account}
        start={stage.start}
        uid={uid}
        onVerified={(ticket, idNumber) => setStage({ step: 3, ticket, context: passwordContext(stage.account, idNumber) })}
        onNoPhone={() => setStage({ ...stage, start: { phoneBound: false, maskedPhone: null } })}
        onChangeAccount={restart}
        onFlowError={setFlowError}
      />
    );
  } else if (stage.step === 3) {
    content = <PasswordStep ticket={stage.ticket} context={stage.context} onDone={() => setStage({ step: 4 })} onFlowError={setFlowError} />;
  } else {
    content = <DoneStep uid={uid} />;
  }

  return (
    <section className="panel forgot-panel" aria-labelledby="forgot-title">
      <div className="panel-head">
        <h1 id="forgot-title" className="panel-title">
          {f.heading}
        </h1>
        {stage.step !== 4 && (
          <p className="panel-head-aside">
            {f.rememberPassword}
            <Link to={loginPath(uid)}>{f.backToLogin}</Link>
          </p>
        )}
      </div>
      <StepBar current={stage.step} />
      <p className="visually-hidden" role="status">
        {fill(f.stepStatus, { number: stage.step, total, name: stepName })}
      </p>
      <div className="forgot-body">{content}</div>
    </section>
  );
}

/** The manual's progress bar: an ordered list, the current step marked for assistive technology too. */
function StepBar({ current }: { current: number }) {
  return (
    <ol className="steps" aria-label={f.stepsLabel}>
      {f.steps.map((name, index) => {
        const number = index + 1;
        const state = number < current ? 'is-done' : number === current ? 'is-current' : 'is-todo';
        return (
          <li key={name} className={`step ${state}`} aria-current={number === current ? 'step' : undefined}>
            <span className="step-index" aria-hidden="true">
              {number < current ? <CheckMark /> : number}
            </span>
            <span className="step-name">
              <span className="visually-hidden">{number} </span>
              {name}
              {number < current && <span className="visually-hidden">{f.stepDone}</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function CheckMark() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d="m3.5 8.3 3 3 6-6.6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** What the password must not contain, as far as the browser knows it (the server checks the rest). */
function passwordContext(account: string, idNumber: string): PasswordContext {
  const typed = normalizeIdentifier(account);
  const context: PasswordContext = {};
  if (typed.kind === 'username') context.username = typed.value;
  if (typed.kind === 'phone') context.phone = typed.value;
  const birthDate =
    (typed.kind === 'id_number' ? birthDateFromIdNumber(typed.idType, typed.value) : null) ??
    birthDateFromIdNumber('resident_id', normalizeIdNumber(idNumber));
  if (birthDate) context.birthDate = birthDate;
  return context;
}

type Errors<K extends string> = Partial<Record<K | 'form', string>>;

/** Focus a control (or the form-level alert) by id. */
function focusById(elementId: string) {
  document.getElementById(elementId)?.focus();
}

function SubmitRow({ submitting, label = f.next }: { submitting: boolean; label?: string }) {
  return (
    <div className="form-row form-row-offset">
      <button type="submit" className="button button-primary button-wide button-large" disabled={submitting} aria-busy={submitting}>
        {submitting ? f.submitting : label}
      </button>
    </div>
  );
}

// ---------------------------------------------------------------- 1 填写账户名

type AccountField = 'account' | 'captchaAnswer';

function AccountStep({
  initialAccount,
  onDone,
  onFlowError,
}: {
  initialAccount: string;
  onDone: (account: string, ticket: string, start: StartAnswer) => void;
  onFlowError: (message: string) => void;
}) {
  const captcha = useCaptcha();
  const [account, setAccount] = useState(initialAccount);
  const [captchaAnswer, setCaptchaAnswer] = useState('');
  const [errors, setErrors] = useState<Errors<AccountField>>({});
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => focusById(id(initialAccount ? 'captcha' : 'account')), [initialAccount]);

  const captchaError = captchaFieldError(captcha, errors.captchaAnswer);
  const inputIds: Record<AccountField, string> = { account: id('account'), captchaAnswer: id('captcha') };

  function clear(field: AccountField) {
    if (errors[field] || errors.form) setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const found: Errors<AccountField> = {};
    if (!account.trim()) found.account = f.accountRequired;
    if (!captchaAnswer.trim()) found.captchaAnswer = f.captchaRequired;
    else if (!captcha.id) found.captchaAnswer = ui.captcha.loadFailedMessage;
    setErrors(found);
    if (found.account || found.captchaAnswer) {
      focusById(inputIds[found.account ? 'account' : 'captchaAnswer']);
      return;
    }

    setSubmitting(true);
    try {
      const typed = account.trim();
      const result = await endpoints.resetStart({ account: typed, captchaId: captcha.id ?? '', captchaAnswer: captchaAnswer.trim() });
      onDone(typed, result.ticket, { phoneBound: result.phoneBound, maskedPhone: typeof result.maskedPhone === 'string' && result.maskedPhone ? result.maskedPhone : null });
    } catch (error: unknown) {
      if (isFlowError(error)) {
        onFlowError(error.message);
        return;
      }
      setSubmitting(false);
      // The challenge was used up by this attempt, right or wrong.
      captcha.refresh();
      setCaptchaAnswer('');
      const message = messageFor(error, account);
      const field = error instanceof ApiError ? error.field : undefined;
      if (field === 'account') {
        setErrors({ account: message });
        focusById(inputIds.account);
      } else if (field === 'captchaAnswer' || (error instanceof ApiError && error.code.startsWith('CAPTCHA_'))) {
        setErrors({ captchaAnswer: message });
        focusById(inputIds.captchaAnswer);
      } else {
        setErrors({ form: message });
        focusById(id('form-error'));
      }
    }
  }

  return (
    <form className="forgot-form" noValidate onSubmit={(event) => void onSubmit(event)} aria-describedby={errors.form ? id('form-error') : undefined}>
      <FormAlert id={id('form-error')} message={errors.form} />
      <LabeledRow id={inputIds.account} label={f.accountLabel} error={errors.account}>
        <input
          id={inputIds.account}
          name="account"
          className="input"
          type="text"
          autoComplete="username"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={64}
          placeholder={f.accountPlaceholder}
          value={account}
          aria-required={true}
          aria-invalid={errors.account ? true : undefined}
          aria-describedby={describedBy(inputIds.account, { error: errors.account })}
          onChange={(e) => {
            setAccount(e.target.value);
            clear('account');
          }}
        />
      </LabeledRow>

      <LabeledRow id={inputIds.captchaAnswer} label={f.captchaLabel} error={captchaError}>
        <CaptchaInput
          id={inputIds.captchaAnswer}
          rowClassName="captcha-row"
          required
          captcha={captcha}
          placeholder={f.captchaPlaceholder}
          value={captchaAnswer}
          error={captchaError}
          onChange={(value) => {
            setCaptchaAnswer(value);
            clear('captchaAnswer');
          }}
        />
      </LabeledRow>

      <SubmitRow submitting={submitting} />
    </form>
  );
}

// ---------------------------------------------------------------- 2 验证身份

function VerifyStep({
  ticket,
  account,
  start,
  uid,
  onVerified,
  onNoPhone,
  onChangeAccount,
  onFlowError,
}: {
  ticket: string;
  account: string;
  start: StartAnswer;
  uid: string | null;
  onVerified: (ticket: string, idNumber: string) => void;
  onNoPhone: () => void;
  onChangeAccount: () => void;
  onFlowError: (message: string) => void;
}) {
  const [recovering, setRecovering] = useState(false);
  const goButton = useRef<HTMLButtonElement>(null);

  const { phoneBound, maskedPhone } = start;

  useEffect(() => {
    if (phoneBound) goButton.current?.focus();
  }, [phoneBound]);

  if (!phoneBound) return <NoPhoneNotice account={account} uid={uid} onChangeAccount={onChangeAccount} />;

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
          <button
            ref={goButton}
            type="button"
            className="button button-primary method-go"
            aria-describedby={id('phone')}
            onClick={() => setRecovering(true)}
          >
            {f.goRecover}
          </button>
        )}
      </div>

      {recovering && (
        <RecoverForm ticket={ticket} account={account} onVerified={onVerified} onNoPhone={onNoPhone} onFlowError={onFlowError} />
      )}

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

type RecoverField = 'idNumber' | 'captchaAnswer' | 'smsCode';

/** 前往找回: 证件号码 + 图形验证码 → 获取验证码 → 短信验证码 → 下一步. */
function RecoverForm({
  ticket,
  account,
  onVerified,
  onNoPhone,
  onFlowError,
}: {
  ticket: string;
  /** The account name typed at step 1 (for the hint when its own limit ran out). */
  account: string;
  onVerified: (ticket: string, idNumber: string) => void;
  onNoPhone: () => void;
  onFlowError: (message: string) => void;
}) {
  const captcha = useCaptcha();
  const countdown = useCountdown();
  const [values, setValues] = useState<Record<RecoverField, string>>({ idNumber: '', captchaAnswer: '', smsCode: '' });
  const [errors, setErrors] = useState<Errors<RecoverField>>({});
  const [sending, setSending] = useState(false);
  const [smsNotice, setSmsNotice] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const inputIds: Record<RecoverField, string> = { idNumber: id('idNumber'), captchaAnswer: id('captcha'), smsCode: id('smsCode') };

  useEffect(() => focusById(inputIds.idNumber), [inputIds.idNumber]);

  const captchaError = captchaFieldError(captcha, errors.captchaAnswer);

  function set(field: RecoverField, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field] || errors.form) setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
  }

  function show(field: RecoverField | 'form', message: string) {
    setErrors((e) => ({ ...e, [field]: message }));
    focusById(field === 'form' ? id('form-error') : inputIds[field]);
  }

  async function sendCode() {
    if (sending || countdown.seconds > 0) return;
    const found: Errors<RecoverField> = {};
    if (!values.idNumber.trim()) found.idNumber = f.idNumberRequired;
    if (!values.captchaAnswer.trim()) found.captchaAnswer = f.captchaRequired;
    else if (!captcha.id) found.captchaAnswer = ui.captcha.loadFailedMessage;
    setErrors((e) => ({ ...e, idNumber: found.idNumber, captchaAnswer: found.captchaAnswer, smsCode: undefined, form: undefined }));
    if (found.idNumber || found.captchaAnswer) {
      focusById(inputIds[found.idNumber ? 'idNumber' : 'captchaAnswer']);
      return;
    }

    setSending(true);
    setSmsNotice(null);
    let ended = false;
    try {
      const result = await endpoints.resetSendCode({
        ticket,
        idNumber: values.idNumber.trim(),
        captchaId: captcha.id ?? '',
        captchaAnswer: values.captchaAnswer.trim(),
      });
      const minutes = codeSent(countdown, result);
      setSmsNotice(fill(ui.smsCode.sent, { phone: result.maskedPhone, minutes }));
      focusById(inputIds.smsCode);
    } catch (error: unknown) {
      if (isFlowError(error)) {
        ended = true;
        onFlowError(error.message);
        return;
      }
      const message = messageFor(error, account);
      const code = error instanceof ApiError ? error.code : '';
      if (code === 'RESET_NO_BOUND_PHONE') {
        ended = true;
        onNoPhone();
        return;
      }
      sendRefused(countdown, error);
      const field = error instanceof ApiError ? error.field : undefined;
      if (field === 'idNumber' || code === 'RESET_IDENTITY_MISMATCH') show('idNumber', message);
      else if (field === 'captchaAnswer' || code.startsWith('CAPTCHA_')) show('captchaAnswer', message);
      else show('smsCode', message);
    } finally {
      if (!ended) {
        setSending(false);
        // One-time challenge: whatever happened, the next attempt needs a new one.
        captcha.refresh();
        setValues((v) => ({ ...v, captchaAnswer: '' }));
      }
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const code = values.smsCode.trim();
    if (!/^\d{6}$/.test(code)) {
      show('smsCode', f.smsCodeRequired);
      return;
    }
    setSubmitting(true);
    try {
      const result = await endpoints.resetVerifyCode({ ticket, smsCode: code });
      onVerified(result.ticket, values.idNumber.trim());
    } catch (error: unknown) {
      setSubmitting(false);
      if (isFlowError(error)) {
        onFlowError(error.message);
        return;
      }
      const message = errorMessage(error);
      const field = error instanceof ApiError ? error.field : undefined;
      if (field === 'smsCode' || (error instanceof ApiError && (error.code.startsWith('SMS_') || error.code === 'RESET_CODE_NOT_SENT'))) {
        show('smsCode', message);
      } else show('form', message);
    }
  }

  return (
    <form className="forgot-form recover-form" noValidate onSubmit={(event) => void onSubmit(event)} aria-describedby={errors.form ? id('form-error') : undefined}>
      <FormAlert id={id('form-error')} message={errors.form} />
      <LabeledRow id={inputIds.idNumber} label={f.idNumberLabel} error={errors.idNumber}>
        <input
          id={inputIds.idNumber}
          name="idNumber"
          className="input"
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={32}
          placeholder={f.idNumberPlaceholder}
          value={values.idNumber}
          aria-required={true}
          aria-invalid={errors.idNumber ? true : undefined}
          aria-describedby={describedBy(inputIds.idNumber, { error: errors.idNumber })}
          onChange={(e) => set('idNumber', e.target.value)}
        />
      </LabeledRow>

      <LabeledRow id={inputIds.captchaAnswer} label={f.smsCaptchaLabel} error={captchaError}>
        <CaptchaInput
          id={inputIds.captchaAnswer}
          rowClassName="captcha-row"
          required
          captcha={captcha}
          placeholder={f.captchaPlaceholder}
          value={values.captchaAnswer}
          error={captchaError}
          onChange={(value) => set('captchaAnswer', value)}
        />
      </LabeledRow>

      <LabeledRow id={inputIds.smsCode} label={f.smsCodeLabel} error={errors.smsCode} hint={smsNotice ?? undefined}>
        <SmsCodeInput
          id={inputIds.smsCode}
          rowClassName="sms-row"
          required
          placeholder={f.smsCodePlaceholder}
          value={values.smsCode}
          error={errors.smsCode}
          hint={Boolean(smsNotice)}
          countdown={countdown}
          sending={sending}
          onSend={() => void sendCode()}
          onChange={(value) => set('smsCode', value)}
        />
      </LabeledRow>

      <SubmitRow submitting={submitting} />
    </form>
  );
}

/** No bound phone: no online reset; say what to do instead, and offer a way out. */
function NoPhoneNotice({ account, uid, onChangeAccount }: { account: string; uid: string | null; onChangeAccount: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="outcome outcome-warning">
      <WarningIcon />
      <h2 ref={heading} className="outcome-title" tabIndex={-1}>
        {f.noPhoneTitle}
      </h2>
      <p className="outcome-account">{fill(f.accountShown, { account })}</p>
      <p className="outcome-text">{f.noPhoneText}</p>
      <p className="outcome-text outcome-strong">{f.serviceHall}</p>
      <div className="outcome-actions">
        <Link to={loginPath(uid)} className="button button-primary button-wide">
          {f.backToLogin}
        </Link>
        <button type="button" className="button button-outline button-wide" onClick={onChangeAccount}>
          {f.changeAccount}
        </button>
      </div>
    </div>
  );
}

// ---------------------------------------------------------------- 3 设置新密码

type PasswordField = 'password' | 'confirmPassword';

function PasswordStep({
  ticket,
  context,
  onDone,
  onFlowError,
}: {
  ticket: string;
  context: PasswordContext;
  onDone: () => void;
  onFlowError: (message: string) => void;
}) {
  const [values, setValues] = useState<Record<PasswordField, string>>({ password: '', confirmPassword: '' });
  const [errors, setErrors] = useState<Errors<PasswordField>>({});
  const [submitting, setSubmitting] = useState(false);
  const inputIds: Record<PasswordField, string> = { password: id('password'), confirmPassword: id('confirmPassword') };

  useEffect(() => focusById(inputIds.password), [inputIds.password]);

  function check(field: PasswordField, v: Record<PasswordField, string>, requireFilled: boolean): string | undefined {
    if (v[field] === '') return requireFilled ? (field === 'password' ? f.passwordRequired : f.confirmPasswordRequired) : undefined;
    if (field === 'password') {
      const verdict = validatePassword(v.password, context);
      return verdict.ok ? undefined : formatMessage(verdict.reason);
    }
    return v.confirmPassword === v.password ? undefined : formatMessage('PASSWORD_MISMATCH');
  }

  function set(field: PasswordField, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field] || errors.form) setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
  }

  function onBlur(field: PasswordField) {
    if (values[field] === '') return;
    setErrors((e) => ({ ...e, [field]: check(field, values, false) }));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const found: Errors<PasswordField> = {
      password: check('password', values, true),
      confirmPassword: check('confirmPassword', values, true),
    };
    setErrors(found);
    if (found.password || found.confirmPassword) {
      focusById(inputIds[found.password ? 'password' : 'confirmPassword']);
      return;
    }
    setSubmitting(true);
    try {
      await endpoints.resetComplete({ ticket, password: values.password, confirmPassword: values.confirmPassword });
      onDone();
    } catch (error: unknown) {
      setSubmitting(false);
      if (isFlowError(error)) {
        onFlowError(error.message);
        return;
      }
      const message = errorMessage(error);
      const code = error instanceof ApiError ? error.code : '';
      const field = error instanceof ApiError ? error.field : undefined;
      const target: PasswordField | 'form' =
        field === 'password' || field === 'confirmPassword'
          ? field
          : code === 'PASSWORD_MISMATCH'
            ? 'confirmPassword'
            : code.startsWith('PASSWORD_')
              ? 'password'
              : 'form';
      setErrors({ [target]: message });
      focusById(target === 'form' ? id('form-error') : inputIds[target]);
    }
  }

  const input = (field: PasswordField, placeholder: string, hint: boolean) => (
    <input
      id={inputIds[field]}
      name={field}
      className="input"
      type="password"
      autoComplete="new-password"
      maxLength={PASSWORD_LENGTH.max}
      placeholder={placeholder}
      value={values[field]}
      aria-required={true}
      aria-invalid={errors[field] ? true : undefined}
      aria-describedby={describedBy(inputIds[field], { error: errors[field], hint })}
      onChange={(e) => set(field, e.target.value)}
      onBlur={() => onBlur(field)}
    />
  );

  return (
    <form className="forgot-form" noValidate onSubmit={(event) => void onSubmit(event)} aria-describedby={errors.form ? id('form-error') : undefined}>
      <FormAlert id={id('form-error')} message={errors.form} />
      <LabeledRow
        id={inputIds.password}
        label={f.passwordLabel}
        error={errors.password}
        hint={
          <>
            {ui.passwordPolicy.hint}；{f.passwordReuseHint}
          </>
        }
      >
        {input('password', f.passwordPlaceholder, true)}
      </LabeledRow>
      <LabeledRow id={inputIds.confirmPassword} label={f.confirmPasswordLabel} error={errors.confirmPassword}>
        {input('confirmPassword', f.confirmPasswordPlaceholder, false)}
      </LabeledRow>
      <SubmitRow submitting={submitting} />
    </form>
  );
}

// ---------------------------------------------------------------- 4 完成

function DoneStep({ uid }: { uid: string | null }) {
  const button = useRef<HTMLAnchorElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div className="outcome" role="status">
      <svg className="success-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <circle cx="24" cy="24" r="22" fill="#1f9d55" />
        <path d="m14 24.5 7 7 13-14" fill="none" stroke="#fff" strokeWidth="3.5" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <p className="outcome-title">{f.successTitle}</p>
      <p className="outcome-text">{f.successText}</p>
      <div className="outcome-actions">
        <Link ref={button} to={loginPath(uid)} className="button button-primary button-wide">
          {f.backToLogin}
        </Link>
      </div>
    </div>
  );
}

// ---------------------------------------------------------------- flow errors

function FlowError({ message, uid, onRestart }: { message: string; uid: string | null; onRestart: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div className="outcome outcome-warning">
      <WarningIcon />
      <p className="outcome-title">{f.flowErrorTitle}</p>
      <p id={id('flow-error')} className="outcome-text" role="alert">
        {message}
      </p>
      <div className="outcome-actions">
        <button ref={button} type="button" className="button button-primary button-wide" onClick={onRestart} aria-describedby={id('flow-error')}>
          {f.restart}
        </button>
        <Link to={loginPath(uid)} className="button button-outline button-wide">
          {f.backToLogin}
        </Link>
      </div>
    </div>
  );
}

function WarningIcon() {
  return (
    <svg className="outcome-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="22" fill="#f0a020" />
      <path d="M24 13v14M24 33.5v.5" stroke="#fff" strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}
