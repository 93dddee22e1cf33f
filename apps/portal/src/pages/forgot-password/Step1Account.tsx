import { useEffect, type FormEvent } from 'react';
import { ApiError, useCaptchaAnswer } from '@uia/web';
import { endpoints } from '../../api.ts';
import { CaptchaRow, InputRow } from '../../components/Field.tsx';
import { inputKinds } from '../../components/inputKinds.ts';
import { f, focusById, id, messageFor, StepForm, useStepForm, type StartAnswer } from './flow.tsx';

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
  const challenge = useCaptchaAnswer();
  const inputIds = { account: id('account'), captchaAnswer: id('captcha') };
  const step = useStepForm(inputIds, { account: initialAccount }, onFlowError);
  const { errors } = step;
  const { account } = step.values;

  useEffect(() => focusById(id(initialAccount ? 'captcha' : 'account')), [initialAccount]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = account.trim();
    void step.submit(
      { account: typed ? undefined : f.accountRequired, captchaAnswer: challenge.missing(f.captchaRequired) },
      async () => {
        const result = await endpoints.resetStart({ account: typed, ...challenge.sent() });
        onDone(typed, result.ticket, { phoneBound: result.phoneBound, maskedPhone: typeof result.maskedPhone === 'string' && result.maskedPhone ? result.maskedPhone : null });
      },
      (error) => {
        challenge.used();
        const message = messageFor(error, account);
        const field = error instanceof ApiError ? error.field : undefined;
        if (field === 'account') step.showOnly({ account: message });
        else if (field === 'captchaAnswer' || (error instanceof ApiError && error.code.startsWith('CAPTCHA_'))) step.showOnly({ captchaAnswer: message });
        else step.showOnly({ form: message });
      },
    );
  }

  return (
    <StepForm error={errors.form} submitting={step.submitting} onSubmit={onSubmit}>
      <InputRow {...step.bind('account')} label={f.accountLabel} {...inputKinds.accountName} placeholder={f.accountPlaceholder} />
      <CaptchaRow id={inputIds.captchaAnswer} label={f.captchaLabel} placeholder={f.captchaPlaceholder} challenge={challenge} error={errors.captchaAnswer} onEdit={() => step.clear('captchaAnswer')} />
    </StepForm>
  );
}
