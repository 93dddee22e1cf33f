import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';

/**
 * Security headers that only mean something on a document (applySecurityHeaders sets them on every
 * response). An event stream is read by EventSource, never rendered, and Node keeps a response's
 * head for its whole life: ~1 KB less for each of thousands of waiting streams.
 */
const DOCUMENT_ONLY_HEADERS = ['content-security-policy', 'x-frame-options', 'permissions-policy', 'cross-origin-opener-policy', 'referrer-policy'];

/**
 * A Server-Sent Events response written on the raw socket. Nothing is sent
 * until the first event, so a handler can still fail with an ordinary JSON
 * error before it; from then on Fastify is out of the way (hijacked) and the
 * stream keeps only the raw response: a page may wait minutes, and thousands
 * wait at once, so nothing of the request (Fastify's request and reply, their
 * logger) stays alive with it.
 */
export class EventStream {
  private reply: FastifyReply | null;
  private response: ServerResponse | null = null;
  private ended = false;

  constructor(reply: FastifyReply, onClose: () => void) {
    this.reply = reply;
    // Runs once when the stream is over, whoever ended it (the server, the browser, the network).
    reply.raw.once('close', onClose);
  }

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
    if (this.response && !this.ended) this.response.end();
    this.ended = true;
    this.reply = null;
  }

  private start() {
    if (!this.reply) return;
    const reply = this.reply;
    this.reply = null;
    reply.hijack();
    this.response = reply.raw;
    for (const name of DOCUMENT_ONLY_HEADERS) this.response.removeHeader(name);
    this.response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      // nginx buffers proxied responses unless told not to.
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    finishFastifyRequest(this.response);
  }

  private write(chunk: string) {
    if (this.response && !this.ended && !this.response.writableEnded) this.response.write(chunk);
  }
}

/**
 * Fastify closes a request (its onResponse hooks: the request metrics and the
 * request log) when the response finishes, through one listener it puts on
 * both the response's 'finish' and 'error'; that listener holds Fastify's
 * request, reply and child logger. A stream finishes minutes later, so the
 * listener runs as soon as the stream's head is written: the request counts
 * as answered (200) then, and nothing of Fastify waits with the stream.
 */
function finishFastifyRequest(response: ServerResponse) {
  const onFinish = new Set(response.listeners('finish'));
  for (const listener of response.listeners('error')) {
    if (onFinish.has(listener)) (listener as () => void)();
  }
  // That listener was also the response's only 'error' listener; an error there would now be thrown.
  // The stream ends on the 'close' that follows an error, so the error itself needs nothing more.
  response.on('error', ignoreStreamError);
}

function ignoreStreamError() {}
