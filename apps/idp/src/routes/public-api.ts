import type { FastifyInstance } from 'fastify';
import { registerRequest, smsSendRequest, type PlatformFeatures } from '@uia/schemas';
import type { RegistrationService } from '../services/accounts/registration-service.ts';
import type { CaptchaService } from '../services/captcha/captcha-service.ts';
import type { LoginThrottle } from '../services/password-login/login-throttle.ts';
import { RATE_LIMITS, type RateLimiter } from '../services/rate-limit/rate-limiter.ts';
import type { SmsCodeService } from '../services/sms/sms-code-service.ts';
import { parseBody } from './parse-body.ts';
import { requestContext } from './request-context.ts';

/** The portal's anonymous JSON API: site facts (incl. which features are on), captcha, SMS codes, registration. */
export async function publicApiRoutes(
  app: FastifyInstance,
  options: {
    site: { platformName: string; demo: boolean; demoAccount?: { username: string; phone: string; idNumber: string; password: string }; features: PlatformFeatures };
    captcha: CaptchaService;
    /** 登录失败处理: an address that keeps sending wrong passwords gets the strict captcha. */
    loginThrottle: LoginThrottle;
    smsCodes: SmsCodeService;
    registration: RegistrationService;
    rateLimiter: RateLimiter;
  },
) {
  app.get('/api/site', async () => options.site);

  // The picture, or the same kind of challenge spoken (听语音验证码): one budget, one strictness, one verify.
  const challenges: Record<string, (strict: boolean) => Promise<object>> = {
    '/api/captcha': (strict) => options.captcha.create({ strict }),
    '/api/captcha/audio': (strict) => options.captcha.createAudio({ strict }),
  };
  for (const [path, create] of Object.entries(challenges)) {
    app.post(path, async (request, reply) => {
      await options.rateLimiter.hit(RATE_LIMITS.captchaPerIp, request.ip);
      reply.header('cache-control', 'no-store');
      return reply.status(201).send(await create(await options.loginThrottle.wantsStrictCaptcha(request.ip)));
    });
  }

  app.post('/api/sms/send', async (request) => {
    const body = parseBody(smsSendRequest, request.body);
    await options.captcha.verify(body.captchaId, body.captchaAnswer);
    return options.smsCodes.send(body.phone, body.purpose, requestContext(request));
  });

  app.post('/api/register', async (request, reply) => {
    await options.rateLimiter.hit(RATE_LIMITS.registerPerIp, request.ip);
    const body = parseBody(registerRequest, request.body);
    const account = await options.registration.register(body, requestContext(request));
    return reply.status(201).send({ username: account.username, assuranceLevel: account.assuranceLevel });
  });
}
