import type { FaceVerdict } from '../../../ports/face-verifier.ts';
import type { VendorFailureKind } from '../../../ports/vendor-call-error.ts';

/** What one Aliyun answer means: a verdict on the person, or no verdict (the call failed). */
export type AliyunFaceOutcome = { verdict: FaceVerdict } | { failure: VendorFailureKind };

/**
 * Aliyun Cloudauth ContrastFaceVerify (2019-03-07) `ResultObject.SubCode`,
 * read together with `ResultObject.Passed` (T/F, which the docs call
 * authoritative): 金融级实人认证 "ResultObject.SubCode错误码说明"
 * (https://help.aliyun.com/zh/id-verification/financial-grade-id-verification/error-code).
 * - 200 认证通过 → pass (only with Passed "T");
 * - 201 姓名和身份证不一致, 202 查询不到身份信息, 203 查询不到照片或照片不可用,
 *   204 人脸比对不一致, 207 人脸与身份证人脸比对不一致 → mismatch (not this person, or no authority photo to prove it);
 * - 205 活体检测存在风险 → not_live;
 * - 206 业务策略限制 → refused (Aliyun's risk control: no verdict to show);
 * - 209 权威比对源异常 → unavailable.
 */
export const ALIYUN_FACE_SUBCODES: Readonly<Record<string, AliyunFaceOutcome>> = {
  '200': { verdict: 'pass' },
  '201': { verdict: 'mismatch' },
  '202': { verdict: 'mismatch' },
  '203': { verdict: 'mismatch' },
  '204': { verdict: 'mismatch' },
  '207': { verdict: 'mismatch' },
  '205': { verdict: 'not_live' },
  '206': { failure: 'refused' },
  '209': { failure: 'unavailable' },
};

/**
 * The top-level `Code` when it is not 200 (the request was not judged), and
 * the RPC gateway's codes (signature, AccessKey, throttling):
 * - 400/401 parameters, 402/404 app or scene not configured, 410/411/412 not
 *   activated / no RAM permission / arrears, gateway auth codes → misconfigured;
 * - 417 比对源不可用, 500 系统错误, Throttling*, ServiceUnavailable, InternalError → unavailable;
 * - 418 刷脸失败次数过多 → refused (this person's daily limit at Aliyun).
 * No documented code says "no face in the picture": we assume Aliyun
 * answers such a picture with one of the SubCodes above (so `no_face`
 * never comes from Aliyun).
 */
export const ALIYUN_FACE_CODES: Readonly<Record<string, VendorFailureKind>> = {
  '400': 'misconfigured',
  '401': 'misconfigured',
  '402': 'misconfigured',
  '404': 'misconfigured',
  '410': 'misconfigured',
  '411': 'misconfigured',
  '412': 'misconfigured',
  '417': 'unavailable',
  '418': 'refused',
  '500': 'unavailable',
  'InvalidAccessKeyId.NotFound': 'misconfigured',
  SignatureDoesNotMatch: 'misconfigured',
  'InvalidTimeStamp.Expired': 'misconfigured',
  SignatureNonceUsed: 'misconfigured',
  MissingParameter: 'misconfigured',
  Forbidden: 'misconfigured',
  ServiceUnavailable: 'unavailable',
  InternalError: 'unavailable',
};

/** Unknown codes: throttling and service errors are Aliyun's side; anything else needs an operator. */
export function aliyunFaceFailure(code: string): VendorFailureKind {
  const known = ALIYUN_FACE_CODES[code];
  if (known) return known;
  if (/^(Throttling|ServiceUnavailable|InternalError|5\d\d$)/.test(code)) return 'unavailable';
  return 'misconfigured';
}

/** A judged request (Code 200): the SubCode's outcome; an unknown SubCode gives no verdict. */
export function aliyunFaceOutcome(passed: unknown, subCode: string): AliyunFaceOutcome {
  const known = ALIYUN_FACE_SUBCODES[subCode];
  if (!known) return { failure: 'unavailable' };
  // Passed is authoritative: a 200 without "T" (or "T" with another SubCode) is not an answer we can trust.
  if ('verdict' in known && (known.verdict === 'pass') !== (passed === 'T')) return { failure: 'unavailable' };
  return known;
}
