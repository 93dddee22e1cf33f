import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audioCaptchaResponse, captchaResponse, REGISTRATION_PATHS, registerRequest, registerResponse, SITE_PATHS, siteResponse, smsSendRequest, smsSendResponse, type SiteInfo } from '@uia/schemas';
import type { RegistrationService } from '../services/accounts/registration-service.ts';
import type { CaptchaService } from '../services/captcha/captcha-service.ts';
import type { LoginThrottle } from '../services/password-login/login-throttle.ts';
import { RATE_LIMITS, type RateLimiter } from '../services/rate-limit/rate-limiter.ts';
import type { SmsCodeService } from '../services/sms/sms-code-service.ts';
import { requestContext } from './request-context.ts';
import { withContractSchemas } from './zod-route-schemas.ts';

/** The portal's anonymous JSON API: site facts (incl. which features are on), captcha, SMS codes, registration. */
export async function publicApiRoutes(
  plugin: FastifyInstance,
  options: {
    site: SiteInfo;
    /** The QR code of `site.companionApp.webUrl` (如何获取App). */
    companionAppQrSvg: string;
    captcha: CaptchaService;
    /** 登录失败处理: an address that keeps sending wrong passwords gets the strict captcha. */
    loginThrottle: LoginThrottle;
    smsCodes: SmsCodeService;
    registration: RegistrationService;
    rateLimiter: RateLimiter;
  },
) {
  const app = withContractSchemas(plugin);

  app.get(SITE_PATHS.site, { schema: { response: { 200: siteResponse } } }, async () => options.site);
  // Fixed while the server runs: cached for a day, revalidated after a restart that changed PUBLIC_URL.
  app.get(SITE_PATHS.companionAppQr, (_request, reply) => reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'public, max-age=86400').send(options.companionAppQrSvg));

  // The picture, or the same kind of challenge spoken (听语音验证码): one budget, one strictness, one verify.
  app.post(SITE_PATHS.captcha, { schema: { response: { 201: captchaResponse } } }, async (request, reply) =>
    reply.status(201).send(await options.captcha.create({ strict: await captchaStrictness(request, reply) })),
  );
  app.post(SITE_PATHS.audioCaptcha, { schema: { response: { 201: audioCaptchaResponse } } }, async (request, reply) =>
    reply.status(201).send(await options.captcha.createAudio({ strict: await captchaStrictness(request, reply) })),
  );

  /** Counts the challenge against the address's budget and says whether it gets the stricter kind. */
  async function captchaStrictness(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    await options.rateLimiter.hit(RATE_LIMITS.captchaPerIp, request.ip);
    reply.header('cache-control', 'no-store');
    return options.loginThrottle.wantsStrictCaptcha(request.ip);
  }

  app.post(REGISTRATION_PATHS.sendSms, { schema: { body: smsSendRequest, response: { 200: smsSendResponse } } }, async (request) => {
    const { body } = request;
    await options.captcha.verify(body.captchaId, body.captchaAnswer, requestContext(request));
    return options.smsCodes.send(body.phone, body.purpose, requestContext(request));
  });

  // The rate limit counts before the body is checked: a preValidation hook, as validation comes before the handler.
  app.post(
    REGISTRATION_PATHS.register,
    {
      schema: { body: registerRequest, response: { 201: registerResponse } },
      preValidation: async (request) => {
        await options.rateLimiter.hit(RATE_LIMITS.registerPerIp, request.ip);
      },
    },
    async (request, reply) => {
      const account = await options.registration.register(request.body, requestContext(request));
      return reply.status(201).send({ username: account.username, assuranceLevel: account.assuranceLevel });
    },
  );
}
