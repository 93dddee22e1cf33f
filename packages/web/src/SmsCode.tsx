import { useCallback, useEffect, useState } from 'react';
import { fillTemplate, ui } from '@uia/i18n';
import { ApiError } from './api.ts';
import { TextInput, type InputRowProps } from './Field.tsx';
import { SpokenCountdown, timeInWords } from './time-left.tsx';

export interface Countdown {
  /** Whole seconds left (0 when the button may be used again). */
  seconds: number;
  /** Starts (or restarts) the countdown; 0 or less stops it. */
  start: (seconds: number) => void;
}

/**
 * A countdown to a deadline: counts wall-clock time, so a tab that was in the
 * background (where timers are throttled) still shows the right number.
 */
export function useCountdown(): Countdown {
  const [deadline, setDeadline] = useState(0);
  const [seconds, setSeconds] = useState(0);

  useEffect(() => {
    if (!deadline) return;
    const tick = () => {
      const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setSeconds(left);
      if (left === 0) setDeadline(0);
    };
    tick();
    const timer = window.setInterval(tick, 250);
    return () => window.clearInterval(timer);
  }, [deadline]);

  const start = useCallback((value: number) => {
    const whole = Number.isFinite(value) ? Math.ceil(value) : 0;
    if (whole <= 0) {
      setDeadline(0);
      setSeconds(0);
      return;
    }
    setSeconds(whole);
    setDeadline(Date.now() + whole * 1000);
  }, []);

  return { seconds, start };
}

/**
 * A code was sent: the button counts down the resend interval (60 s unless
 * the server says); answers the code's validity in whole minutes (at least 1).
 */
export function codeSent(countdown: Countdown, sent: { resendAfter?: unknown; expiresIn?: unknown }): number {
  countdown.start(typeof sent.resendAfter === 'number' && sent.resendAfter > 0 ? sent.resendAfter : 60);
  return Math.max(1, Math.round((typeof sent.expiresIn === 'number' && sent.expiresIn ? sent.expiresIn : 300) / 60));
}

/**
 * A code sent before this page loaded (the server remembers it per flow):
 * the button counts down what is left of the resend interval (possibly
 * nothing); answers the minutes the code stays valid (at least 1).
 */
export function codeWaiting(countdown: Pick<Countdown, 'start'>, waiting: { resendAfter: number; expiresIn: number }): number {
  countdown.start(waiting.resendAfter);
  return Math.max(1, Math.round(waiting.expiresIn / 60));
}

/**
 * A send refused as too soon (SMS_RESEND_TOO_SOON): the button counts down the
 * server's wait. Only the resend interval is a countdown on the button: a
 * RATE_LIMITED wait may last up to a day, its message says how long, and the
 * button stays usable.
 */
export function sendRefused(countdown: Countdown, error: unknown): void {
  if (error instanceof ApiError && error.code === 'SMS_RESEND_TOO_SOON' && error.retryAfter) countdown.start(error.retryAfter);
}

/** Screen readers hear the wait when it starts and when it ends (the button's own label changes every second, unannounced). */
const SMS_SPOKEN_MARKS: readonly number[] = [];

function spokenSmsWait(seconds: number): string {
  return seconds > 0 ? fillTemplate(ui.smsCode.spokenWait, { time: timeInWords(seconds) }) : ui.smsCode.spokenReady;
}

/** 获取验证码 / 发送中… / 58秒后可重新获取 next to an SMS code input. */
export function SmsCodeButton({ countdown, sending, onClick }: { countdown: Countdown; sending: boolean; onClick: () => void }) {
  const waiting = countdown.seconds > 0;
  const label = waiting ? fillTemplate(ui.smsCode.countdown, { time: timeInWords(countdown.seconds) }) : sending ? ui.smsCode.sending : ui.smsCode.send;
  return (
    <>
      <button type="button" className="button button-outline sms-button" onClick={onClick} disabled={sending || waiting} aria-busy={sending || undefined}>
        {label}
      </button>
      <SpokenCountdown seconds={countdown.seconds} marks={SMS_SPOKEN_MARKS} say={spokenSmsWait} />
    </>
  );
}

/** The 6-digit SMS code input with its send button, in one row. */
export function SmsCodeInput({
  countdown,
  sending,
  onSend,
  rowClassName,
  required = false,
  ...input
}: InputRowProps & {
  /** Whether a hint (`<id>-hint`, 验证码已发送至…) describes the input. */
  hint: boolean;
  countdown: Countdown;
  sending: boolean;
  onSend: () => void;
}) {
  return (
    <div className={rowClassName}>
      <TextInput kind="smsCode" {...input} aria-required={required || undefined} />
      <SmsCodeButton countdown={countdown} sending={sending} onClick={onSend} />
    </div>
  );
}
