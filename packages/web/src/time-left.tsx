// Timers say the time left in words (关怀模式, WCAG 2.2.1): 4分30秒, 3分钟,
// 58秒. A screen reader hears it at a few marks, not every second, through
// a polite live region that is always in the page (a region inserted with
// its text is often not read).
import { useState } from 'react';
import { fillTemplate, ui } from '@uia/i18n';

/** 58 → 58秒, 180 → 3分钟, 270 → 4分30秒 (whole seconds; 0 or less → 0秒). */
export function timeInWords(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  if (minutes === 0) return fillTemplate(ui.timeLeft.seconds, { seconds: rest });
  if (rest === 0) return fillTemplate(ui.timeLeft.minutes, { minutes });
  return fillTemplate(ui.timeLeft.minutesSeconds, { minutes, seconds: rest });
}

/**
 * The mark a countdown at `seconds` has reached: 0 once it ended, else the
 * smallest of `marks` not below it, and above the largest mark the whole
 * minute. The announcer speaks each time the mark changes, so a 3-minute QR
 * with marks [10, 30] is announced at 3分钟, 2分钟, 1分钟, 30秒, 10秒.
 */
export function spokenMark(seconds: number, marks: readonly number[]): number {
  if (seconds <= 0) return 0;
  const mark = [...marks].sort((a, b) => a - b).find((m) => m >= seconds);
  return mark ?? Math.ceil(seconds / 60) * 60;
}

/**
 * A visually hidden polite live region (no `status` role: the page's own
 * status line keeps that name) that says `say(seconds)` when the
 * countdown starts, at each of `marks` (see spokenMark) and when it ends
 * (empty text: nothing said). Silent while no countdown has run.
 */
export function SpokenCountdown({ seconds, marks, say }: { seconds: number; marks: readonly number[]; say: (seconds: number) => string }) {
  const mark = spokenMark(seconds, marks);
  const [spoken, setSpoken] = useState({ mark: 0, text: '' });
  // Only a new mark speaks (React's state adjusted while rendering); the seconds in between change nothing.
  if (spoken.mark !== mark) setSpoken({ mark, text: say(seconds) });
  return (
    <span className="visually-hidden" aria-live="polite" aria-atomic="true">
      {spoken.text}
    </span>
  );
}
