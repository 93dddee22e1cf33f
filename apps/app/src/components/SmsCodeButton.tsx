import { useCallback, useEffect, useState } from 'react';
import { ui } from '@uia/i18n';
import { fill } from '../format.ts';

export interface Countdown {
  /** Whole seconds left (0 when the button may be used again). */
  seconds: number;
  /** Starts (or restarts) the countdown; non-positive values stop it. */
  start: (seconds: number) => void;
}

/** A countdown to a wall-clock deadline (right even after the page slept in the background). */
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

/** 获取验证码 / 发送中… / N秒后重新获取 next to an SMS code input. */
export function SmsCodeButton({ countdown, sending, onClick }: { countdown: Countdown; sending: boolean; onClick: () => void }) {
  const waiting = countdown.seconds > 0;
  const label = waiting ? fill(ui.smsCode.countdown, { seconds: countdown.seconds }) : sending ? ui.smsCode.sending : ui.smsCode.send;
  return (
    <button type="button" className="button button-outline sms-button" onClick={onClick} disabled={sending || waiting} aria-busy={sending || undefined}>
      {label}
    </button>
  );
}
