import { useEffect, useState } from 'react';
import { fillTemplate, ui } from '@uia/i18n';
import { SpokenCountdown, timeInWords, useCountdown, useDisplayMode } from '@uia/web';

/** Screen readers hear the time left each whole minute and at 30 and 10 seconds. */
const QR_SPOKEN_MARKS: readonly number[] = [10, 30];

/**
 * How many times 关怀模式 puts a new QR in place of an expired one: 4 QRs of
 * 3 minutes give 12 minutes to find the phone and open the app; after that a
 * QR left on an unattended screen expires like any other
 * (docs/accessibility.md § 计时).
 */
export const CARE_QR_RENEWALS = 3;

/**
 * 关怀模式 (WCAG 2.2.1): an expired QR is renewed by itself, up to
 * CARE_QR_RENEWALS times per panel. `expiredQr` is the id of the QR on screen
 * once it expired (else null); `renew` (stable) asks for a new one. Answers
 * The standard look keeps 点击刷新.
 */
export function useCareQrRenewal(expiredQr: string | null, renew: () => void): void {
  const care = useDisplayMode() === 'care';
  const [renewed, setRenewed] = useState<{ count: number; last: string | null }>({ count: 0, last: null });
  // Counted while rendering, once per expired QR; the effect then asks for the new one.
  if (care && expiredQr !== null && expiredQr !== renewed.last && renewed.count < CARE_QR_RENEWALS) setRenewed({ count: renewed.count + 1, last: expiredQr });
  useEffect(() => {
    if (renewed.last) renew();
  }, [renewed.last, renew]);
}

function spokenQrTime(left: number): string {
  return left > 0 ? fillTemplate(ui.qrLogin.timeLeft, { time: timeInWords(left) }) : '';
}

/**
 * 二维码还有4分30秒失效 under a scannable QR, counted from the server's
 * `expiresIn` (remounted per QR: key it by the QR's id); read to screen
 * readers at a few marks (the expiry itself is the status line's).
 */
export function QrCountdown({ expiresIn }: { expiresIn: number }) {
  const countdown = useCountdown();
  const { start, seconds } = countdown;
  useEffect(() => start(expiresIn), [start, expiresIn]);
  return (
    <>
      <p className="qr-countdown" data-testid="qr-countdown">
        {spokenQrTime(seconds)}
      </p>
      <SpokenCountdown seconds={seconds} marks={QR_SPOKEN_MARKS} say={spokenQrTime} />
    </>
  );
}
