import type { FastifyReply } from 'fastify';

/**
 * A Server-Sent Events response written on the raw socket. Nothing is sent
 * until the first event, so a handler can still fail with an ordinary JSON
 * error before it; from then on Fastify is out of the way (hijacked).
 */
export class EventStream {
  private started = false;
  private ended = false;

  constructor(private readonly reply: FastifyReply) {}

  send(event: string, data: unknown) {
    this.start();
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** A comment line: ignored by EventSource, keeps proxies from closing an idle stream. */
  comment(text: string) {
    this.write(`: ${text}\n\n`);
  }

  /**
   * Ends the stream telling the browser when to reconnect (the SSE `retry:` field sets EventSource's
   * reconnection delay): the server is going away and another node, or this one restarted, answers then.
   */
  endWithRetry(retryMs: number) {
    this.write(`retry: ${retryMs}\n\n`);
    this.end();
  }

  end() {
    if (this.started && !this.ended) this.reply.raw.end();
    this.ended = true;
  }

  /** Runs once when the stream is over, whoever ended it (the server, the browser, the network). */
  onClose(listener: () => void) {
    this.reply.raw.once('close', listener);
  }

  private start() {
    if (this.started) return;
    this.started = true;
    this.reply.hijack();
    this.reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      // nginx buffers proxied responses unless told not to.
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
  }

  private write(chunk: string) {
    if (this.started && !this.ended && !this.reply.raw.writableEnded) this.reply.raw.write(chunk);
  }
}
