/** One Server-Sent Event (comment lines are counted, not returned). */
export interface ServerSentEvent {
  event: string;
  data: string;
}

/**
 * Reads a `text/event-stream` response the way EventSource does, one event
 * at a time: `next()` waits for the next event (null once the server ended
 * the stream), so tests follow the stream without timing anything.
 */
export class EventStreamReader {
  private readonly reader: ReadableStreamDefaultReader<string>;
  private buffer = '';
  private done = false;
  /** The last `retry:` field: the reconnection delay (ms) the server asked for, as EventSource keeps it. */
  retryMs: number | null = null;

  constructor(response: Response) {
    if (!response.body) throw new Error('the response has no body');
    this.reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  }

  async next(): Promise<ServerSentEvent | null> {
    for (;;) {
      const event = this.takeEvent();
      if (event) return event;
      if (this.done) return null;
      const chunk = await this.reader.read();
      if (chunk.done) this.done = true;
      else this.buffer += chunk.value;
    }
  }

  /** The next `status` event's status, or null once the stream ended. */
  async nextStatus(): Promise<string | null> {
    const event = await this.next();
    if (!event) return null;
    if (event.event !== 'status') throw new Error(`unexpected event ${event.event}`);
    return (JSON.parse(event.data) as { status: string }).status;
  }

  /** Every status until the server ends the stream. */
  async remainingStatuses(): Promise<string[]> {
    const statuses: string[] = [];
    for (let status = await this.nextStatus(); status !== null; status = await this.nextStatus()) statuses.push(status);
    return statuses;
  }

  /** Hangs up, as a closed browser tab does. */
  async cancel() {
    await this.reader.cancel().catch(() => undefined);
  }

  private takeEvent(): ServerSentEvent | null {
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end < 0) return null;
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        if (field === 'data') data.push(value);
        if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
      }
      if (data.length > 0) return { event, data: data.join('\n') };
    }
  }
}
