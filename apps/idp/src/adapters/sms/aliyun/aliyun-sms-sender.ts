import { namedTemplateParams, SmsDeliveryError, smsUnavailable, type SmsMessage, type SmsSender, type SmsTemplateName } from '../../../ports/sms-sender.ts';
import { aliyunRpcParams, postAliyunRpc } from '../../cloud-api/aliyun-rpc-call.ts';
import type { FetchLike } from '../../cloud-api/vendor-http.ts';
import { aliyunFailureKind } from './aliyun-error-codes.ts';

export const ALIYUN_SMS_ENDPOINT = 'https://dysmsapi.aliyuncs.com';

export interface AliyunSmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  /** The approved 签名 (without 【】). */
  signName: string;
  /** TemplateCode (`SMS_…`) per template. */
  templates: Record<SmsTemplateName, string>;
  endpoint: string;
  timeoutMs: number;
}

/**
 * Aliyun 短信服务 SendSms (dysmsapi, API version 2017-05-25), RPC style with
 * the V1 HMAC-SHA1 signature. The request is a POST with the parameters as
 * an `application/x-www-form-urlencoded` body (signed with `POST&%2F&…`),
 * so the phone number is never part of a URL. Success is `Code: "OK"`.
 */
export class AliyunSmsSender implements SmsSender {
  constructor(
    private readonly config: AliyunSmsConfig,
    private readonly deps: { fetch?: FetchLike; now?: () => number; nonce?: () => string } = {},
  ) {}

  async send(message: SmsMessage): Promise<void> {
    const { config } = this;
    const params = {
      ...aliyunRpcParams({ accessKeyId: config.accessKeyId, action: 'SendSms', version: '2017-05-25', now: this.deps.now, nonce: this.deps.nonce }),
      RegionId: 'cn-hangzhou',
      PhoneNumbers: message.to,
      SignName: config.signName,
      TemplateCode: config.templates[message.template],
      TemplateParam: JSON.stringify(namedTemplateParams(message.template, message.params)),
    };
    const { body } = await postAliyunRpc({
      fetch: this.deps.fetch,
      url: `${config.endpoint.replace(/\/$/, '')}/`,
      params,
      accessKeySecret: config.accessKeySecret,
      timeoutMs: config.timeoutMs,
      unavailable: smsUnavailable,
    });
    // 4xx answers (bad signature, unknown AccessKey) carry a JSON `Code` too.
    const code = typeof body.Code === 'string' ? body.Code : null;
    if (code === 'OK') return;
    if (code === null) throw new SmsDeliveryError('unavailable', 'unexpected_answer');
    throw new SmsDeliveryError(aliyunFailureKind(code), code);
  }
}
