import { AppError } from '../../errors.ts';
import type { QrLoginRecords } from './qr-login-records.ts';
import { deadlineOf, endsStream, streamEvent, type QrLoginRecord, type QrStreamEvent } from './qr-login-record.ts';

/** Where a watch reports: each new status (with who scanned), the end after a final one, and failures to read the store. */
export interface QrStatusListener {
  status(event: QrStreamEvent): void;
  end(): void;
  error(error: unknown): void;
}

/**
 * Follows one QR for the browser that shows it. It listens on the QR's
 * channel before it reads the record, so no change made in between is lost;
 * every message (and every `refresh`) re-reads the record, one read at a
 * time, so statuses arrive in order and a lost message is made up by the
 * next read. A timer at the record's deadline reads it once more, which
 * writes and announces `expired` even when nothing else happens.
 */
export class QrWatch {
  private last: string | null = null;
  private reads: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => Promise<void>) | null = null;
  private stopped = false;

  private constructor(
    private readonly records: QrLoginRecords,
    private readonly id: string,
    private readonly listener: QrStatusListener,
    private readonly now: () => number,
  ) {}

  /** Reports the current status before it resolves; QR_EXPIRED when the QR is unknown or not this interaction's. */
  static async start(records: QrLoginRecords, id: string, interactionUid: string, listener: QrStatusListener, now: () => number): Promise<QrWatch> {
    const watch = new QrWatch(records, id, listener, now);
    let listening = false;
    watch.unsubscribe = await records.subscribe(id, () => {
      if (listening) void watch.refresh();
    });
    // A message before this point is about a change the first read (queued right here) already sees.
    listening = true;
    const first = watch.enqueue(async () => {
      const record = await records.read(id);
      if (!record || record.interactionUid !== interactionUid) throw new AppError('QR_EXPIRED');
      watch.show(record);
    });
    try {
      await first;
    } catch (error) {
      await watch.stop();
      throw error;
    }
    return watch;
  }

  /** Reads the record again (the stream's heartbeat does, in case a message was lost). */
  refresh(): Promise<void> {
    return this.enqueue(async () => this.show(await this.records.read(this.id))).catch((error: unknown) => this.listener.error(error));
  }

  async stop() {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = null;
    await unsubscribe?.();
  }

  private enqueue(read: () => Promise<void>): Promise<void> {
    const next = this.reads.then(() => (this.stopped ? undefined : read()));
    this.reads = next.catch(() => undefined);
    return next;
  }

  private show(record: QrLoginRecord | null) {
    const event = streamEvent(record);
    const shown = JSON.stringify(event);
    if (shown !== this.last) {
      this.last = shown;
      this.listener.status(event);
    }
    if (endsStream(event.status)) {
      this.stop().catch((error: unknown) => this.listener.error(error));
      this.listener.end();
      return;
    }
    this.expireAt(record && deadlineOf(record));
  }

  private expireAt(deadline: number | null) {
    clearTimeout(this.timer);
    if (deadline !== null) this.timer = setTimeout(() => void this.refresh(), Math.max(0, deadline - this.now()));
  }
}
