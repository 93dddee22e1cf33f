import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import type { DevOutboxSmsSender } from '../adapters/sms/dev-outbox-sms-sender.ts';
import type { CaptchaService } from '../services/captcha/captcha-service.ts';

/** Demo/test hooks (DESIGN.md §6). Registered only in demo mode, so they 404 elsewhere. */
export async function devHookRoutes(app: FastifyInstance, options: { outbox: DevOutboxSmsSender; captcha: CaptchaService }) {
  app.get('/dev/sms', async () => options.outbox.list());

  app.get<{ Params: { id: string } }>('/dev/captcha/:id', async (request) => {
    const answer = await options.captcha.peek(request.params.id);
    if (answer === null) throw new AppError('NOT_FOUND', { status: 404 });
    return { answer };
  });
}
