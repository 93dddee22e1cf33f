/**
 * The Aliyun RPC gateway's own answer codes, common to every product's API
 * (credentials, signature, clock, throttling): the first need an operator,
 * the others are Aliyun's side (retry later). Each product's table adds
 * its own codes.
 */
export const ALIYUN_GATEWAY_ERROR_KINDS: Readonly<Record<string, 'misconfigured' | 'unavailable'>> = {
  SignatureDoesNotMatch: 'misconfigured',
  IncompleteSignature: 'misconfigured',
  'InvalidAccessKeyId.NotFound': 'misconfigured',
  'InvalidAccessKeyId.Inactive': 'misconfigured',
  'InvalidTimeStamp.Expired': 'misconfigured',
  'InvalidTimeStamp.Format': 'misconfigured',
  MissingParameter: 'misconfigured',
  InvalidVersion: 'misconfigured',
  'InvalidAction.NotFound': 'misconfigured',
  Forbidden: 'misconfigured',
  'Forbidden.RAM': 'misconfigured',
  ServiceUnavailable: 'unavailable',
  InternalError: 'unavailable',
  Throttling: 'unavailable',
  'Throttling.User': 'unavailable',
  'Throttling.Api': 'unavailable',
  SignatureNonceUsed: 'unavailable',
};
