import { useEffect, type FormEvent } from 'react';
import type { SentCodeState } from '@uia/schemas';
import { ApiError, errorMessage, SmsCodeInput, useCaptchaAnswer } from '@uia/web';
import { endpoints } from '../../api.ts';
import { CaptchaRow, InputRow, LabeledRow } from '../../components/Field.tsx';
import { inputKinds } from '../../components/inputKinds.ts';
import { useSmsSend } from '../../components/useSmsSend.ts';
import { f, focusById, id, endsFlow, messageFor, StepForm, useStepForm } from './flow.tsx';

/**
 * 2 验证身份 → 前往找回: 证件号码 + 图形验证码 → 获取验证码
 * (POST /api/password-reset/send-code) → 短信验证码 → 下一步 (/verify-code).
 */
export function Step2RecoverForm({
  ticket,
  account,
  waiting,
  onVerified,
  onNoPhone,
  onFlowError,
}: {
  ticket: string;
  /** The account name typed at step 1 (for the hint when its own limit ran out). */
  account: string;
  /** A code sent before a reload, still valid: its countdown, and the code field ready for it. */
  waiting: SentCodeState | undefined;
  onVerified: (ticket: string, idNumber: string) => void;
  onNoPhone: () => void;
  onFlowError: (message: string) => void;
}) {
  const challenge = useCaptchaAnswer();
  const inputIds = { idNumber: id('idNumber'), captchaAnswer: id('captcha'), smsCode: id('smsCode') };
  const step = useStepForm(inputIds, { idNumber: '', smsCode: '' }, onFlowError);
  const { errors, values } = step;
  const sms = useSmsSend(challenge);

  const { resume } = sms;
  useEffect(() => {
    if (!waiting) return focusById(inputIds.idNumber);
    resume(waiting);
    focusById(inputIds.smsCode);
  }, [waiting, resume, inputIds.idNumber, inputIds.smsCode]);

  function sendCode() {
    void sms.send({
      ready: () => !step.showOnly({ idNumber: values.idNumber.trim() ? undefined : f.idNumberRequired, captchaAnswer: challenge.missing(f.captchaRequired) }),
      call: () => endpoints.resetSendCode({ ticket, idNumber: values.idNumber.trim(), ...challenge.sent() }),
      maskedPhone: (sent) => sent.maskedPhone,
      onSent: () => focusById(inputIds.smsCode),
      onRefused: (error) => {
        if (endsFlow(error, onFlowError)) return 'left';
        const code = error instanceof ApiError ? error.code : '';
        if (code === 'RESET_NO_BOUND_PHONE') {
          onNoPhone();
          return 'left';
        }
        const message = messageFor(error, account);
        const field = error instanceof ApiError ? error.field : undefined;
        if (field === 'idNumber' || code === 'RESET_IDENTITY_MISMATCH') step.show('idNumber', message);
        else if (field === 'captchaAnswer' || code.startsWith('CAPTCHA_')) step.show('captchaAnswer', message);
        else step.show('smsCode', message);
        return undefined;
      },
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = values.smsCode.trim();
    if (!/^\d{6}$/.test(code)) {
      step.show('smsCode', f.smsCodeRequired);
      return;
    }
    void step.submit(
      null,
      async () => {
        const result = await endpoints.resetVerifyCode({ ticket, smsCode: code });
        onVerified(result.ticket, values.idNumber.trim());
      },
      (error) => {
        const field = error instanceof ApiError ? error.field : undefined;
        const wrongCode = field === 'smsCode' || (error instanceof ApiError && (error.code.startsWith('SMS_') || error.code === 'RESET_CODE_NOT_SENT'));
        step.show(wrongCode ? 'smsCode' : 'form', errorMessage(error));
      },
    );
  }
  return (
    <StepForm className="forgot-form recover-form" error={errors.form} submitting={step.submitting} onSubmit={onSubmit}>
      <InputRow {...step.bind('idNumber')} label={f.idNumberLabel} {...inputKinds.idNumber} placeholder={f.idNumberPlaceholder} />
      <CaptchaRow
        id={inputIds.captchaAnswer}
        label={f.smsCaptchaLabel}
        placeholder={f.captchaPlaceholder}
        challenge={challenge}
        error={errors.captchaAnswer}
        onEdit={() => step.clear('captchaAnswer')}
      />

      <LabeledRow id={inputIds.smsCode} label={f.smsCodeLabel} error={errors.smsCode} hint={sms.notice ?? undefined}>
        <SmsCodeInput
          id={inputIds.smsCode}
          rowClassName="sms-row"
          required
          placeholder={f.smsCodePlaceholder}
          value={values.smsCode}
          error={errors.smsCode}
          hint={Boolean(sms.notice)}
          countdown={sms.countdown}
          sending={sms.sending}
          onSend={sendCode}
          onChange={(value) => step.set('smsCode', value)}
        />
      </LabeledRow>
    </StepForm>
  );
}
