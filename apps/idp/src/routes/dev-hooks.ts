import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import type { SmsOutbox } from '../ports/sms-outbox.ts';
import type { CaptchaService } from '../services/captcha/captcha-service.ts';

/**
 * Demo/test hooks (DESIGN.md §6). Registered only in demo mode, so they 404
 * elsewhere; `/dev/sms` exists only while the dev outbox is the SMS channel
 * (a demo may try a real vendor, whose messages go to real phones).
 */
export async function devHookRoutes(app: FastifyInstance, options: { outbox: SmsOutbox | null; captcha: CaptchaService }) {
  const outbox = options.outbox;
  if (outbox) app.get('/dev/sms', async () => outbox.list());

  app.get<{ Params: { id: string } }>('/dev/captcha/:id', async (request) => {
    const answer = await options.captcha.peek(request.params.id);
    if (answer === null) throw new AppError('NOT_FOUND');
    return { answer };
  });
}
