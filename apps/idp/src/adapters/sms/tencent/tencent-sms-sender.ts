import { orderedTemplateParams, SmsDeliveryError, smsUnavailable, type SmsMessage, type SmsSender, type SmsTemplateName } from '../../../ports/sms-sender.ts';
import { callTencentApi, tencentApiTarget } from '../../cloud-api/tencent-api-call.ts';
import type { FetchLike } from '../../cloud-api/vendor-http.ts';
import { tencentFailureKind } from './tencent-error-codes.ts';

export const TENCENT_SMS_ENDPOINT = 'https://sms.tencentcloudapi.com';

export interface TencentSmsConfig {
  secretId: string;
  secretKey: string;
  /** SmsSdkAppId of the SMS application (`1400…`). */
  sdkAppId: string;
  /** The approved 签名 (without 【】). */
  signName: string;
  /** TemplateId per template. */
  templates: Record<SmsTemplateName, string>;
  region: string;
  endpoint: string;
  timeoutMs: number;
}

/**
 * Tencent Cloud SMS SendSms (API 3.0, version 2021-01-11): a POST of JSON
 * signed with TC3-HMAC-SHA256. Tencent answers HTTP 200 with either
 * `Response.Error` (the request failed) or `Response.SendStatusSet`, one
 * entry per number, whose `Code` must be `Ok`.
 */
export class TencentSmsSender implements SmsSender {
  private readonly target: { url: string; host: string };

  constructor(
    private readonly config: TencentSmsConfig,
    private readonly deps: { fetch?: FetchLike; now?: () => number } = {},
  ) {
    this.target = tencentApiTarget(config.endpoint);
  }

  async send(message: SmsMessage): Promise<void> {
    const { config } = this;
    const timestamp = Math.floor((this.deps.now ?? Date.now)() / 1000);
    const payload = JSON.stringify({
      PhoneNumberSet: [`+86${message.to}`],
      SmsSdkAppId: config.sdkAppId,
      SignName: config.signName,
      TemplateId: config.templates[message.template],
      TemplateParamSet: orderedTemplateParams(message.template, message.params),
    });
    const { body } = await callTencentApi({
      fetch: this.deps.fetch,
      target: this.target,
      service: 'sms',
      action: 'SendSms',
      version: '2021-01-11',
      account: config,
      payload,
      timestampSec: timestamp,
      unavailable: smsUnavailable,
    });

    const response = body.Response as { Error?: { Code?: unknown }; SendStatusSet?: { Code?: unknown }[] } | undefined;
    const errorCode = response?.Error?.Code;
    if (typeof errorCode === 'string') throw new SmsDeliveryError(tencentFailureKind(errorCode), errorCode);
    const status = Array.isArray(response?.SendStatusSet) ? response.SendStatusSet[0] : undefined;
    const code = typeof status?.Code === 'string' ? status.Code : null;
    if (code === 'Ok') return;
    if (code === null) throw new SmsDeliveryError('unavailable', 'unexpected_answer');
    throw new SmsDeliveryError(tencentFailureKind(code), code);
  }
}
