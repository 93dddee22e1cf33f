import { useCallback, useState } from 'react';
import { ui } from '@uia/i18n';
import type { SentCodeState } from '@uia/schemas';
import { codeSent, codeWaiting, sendRefused, useCountdown } from '@uia/web';
import type { CaptchaAnswer } from '@uia/web';
import { fill } from '../text.ts';

/**
 * 获取验证码 behind a one-time captcha (立即注册, 忘记密码): one send at a
 * time and none while the countdown runs, the notice 验证码已发送至… once
 * sent, and a fresh challenge after every attempt, right or wrong.
 */
export function useSmsSend(challenge: CaptchaAnswer) {
  const countdown = useCountdown();
  const [sending, setSending] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const { start } = countdown;
  /** A code sent before a reload, still valid: its countdown and its notice again. */
  const resume = useCallback((waiting: SentCodeState) => setNotice(fill(ui.smsCode.sent, { phone: waiting.maskedPhone, minutes: codeWaiting({ start }, waiting) })), [start]);

  async function send<T extends { resendAfter?: unknown; expiresIn?: unknown }>({
    ready,
    call,
    maskedPhone,
    onSent,
    onRefused,
  }: {
    /** Whether the fields the send needs are valid (each shows its own error otherwise). */
    ready: () => boolean;
    call: () => Promise<T>;
    maskedPhone: (sent: T) => string;
    onSent: () => void;
    /** Shows why the send failed; 'left' when the form is gone (the flow ended), so that nothing is reset. */
    onRefused: (error: unknown) => 'left' | undefined;
  }) {
    if (sending || countdown.seconds > 0 || !ready()) return;
    setSending(true);
    setNotice(null);
    let left = false;
    try {
      const sent = await call();
      setNotice(fill(ui.smsCode.sent, { phone: maskedPhone(sent), minutes: codeSent(countdown, sent) }));
      onSent();
    } catch (error: unknown) {
      left = onRefused(error) === 'left';
      if (!left) sendRefused(countdown, error);
    } finally {
      if (!left) {
        setSending(false);
        challenge.used();
      }
    }
  }

  return { countdown, sending, notice, resume, send };
}
