import { useEffect, useState, type FormEvent } from 'react';
import { ui } from '@uia/i18n';
import { ApiError, captchaFieldError, CaptchaInput, FieldInput, useCaptcha } from '@uia/web';
import { endpoints } from '../../api.ts';
import { LabeledRow } from '../../components/Field.tsx';
import { f, focusById, id, endsFlow, messageFor, StepForm, type Errors, type StartAnswer } from './flow.tsx';

type AccountField = 'account' | 'captchaAnswer';

/** 1 填写账户名: the account name (用户名/手机号/证件号码) and a captcha → POST /api/password-reset/start. */
export function Step1Account({
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
      if (endsFlow(error, onFlowError)) return;
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
    <StepForm error={errors.form} submitting={submitting} onSubmit={(event) => void onSubmit(event)}>
      <LabeledRow id={inputIds.account} label={f.accountLabel} error={errors.account}>
        <FieldInput
          id={inputIds.account}
          error={errors.account}
          name="account"
          type="text"
          autoComplete="username"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={64}
          placeholder={f.accountPlaceholder}
          value={account}
          aria-required={true}
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
    </StepForm>
  );
}
