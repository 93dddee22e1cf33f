import { describe, expect, it } from 'vitest';
import { tencentDocSignature } from '../../../test/support/vendor-signatures.ts';
import { tc3Authorization, tc3CanonicalRequest, tc3Signature, tc3StringToSign } from './tencent-tc3-signature.ts';

/*
 * The worked example of "Signature v3" (TC3-HMAC-SHA256) in Tencent Cloud's
 * SMS API documentation (https://www.tencentcloud.com/document/product/382/40467):
 * CVM DescribeInstances in ap-guangzhou at 1551113065, with its example key pair.
 */
const DOC = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  service: 'cvm',
  host: 'cvm.tencentcloudapi.com',
  timestamp: 1551113065,
  contentType: 'application/json; charset=utf-8',
  payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
};
const DOC_CANONICAL_REQUEST =
  'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064';
const DOC_STRING_TO_SIGN = 'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031';
const DOC_SIGNATURE = '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168';
const DOC_AUTHORIZATION = `TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=${DOC_SIGNATURE}`;
/* The Chinese edition prints the same example with masked keys (…3******* literally) and this result. */
const DOC_ZH_SECRET_KEY = 'Gu5t9xGARNpq86cd98joQYCN3*******';
const DOC_ZH_SIGNATURE = '2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c';

describe('TC3-HMAC-SHA256 (documented example)', () => {
  it('reproduces the documented CanonicalRequest, StringToSign, Signature and Authorization', () => {
    expect(tc3CanonicalRequest(DOC)).toBe(DOC_CANONICAL_REQUEST);
    expect(tc3StringToSign(DOC)).toBe(DOC_STRING_TO_SIGN);
    expect(tc3Signature(DOC)).toBe(DOC_SIGNATURE);
    expect(tc3Authorization(DOC)).toBe(DOC_AUTHORIZATION);
    expect(tc3Signature({ ...DOC, secretKey: DOC_ZH_SECRET_KEY })).toBe(DOC_ZH_SIGNATURE);
  });

  it('the test verifier, written from the documentation, agrees with the documented example too', () => {
    const input = {
      secretKey: DOC.secretKey,
      service: 'cvm',
      timestamp: '1551113065',
      signedHeaders: 'content-type;host',
      headers: { 'content-type': DOC.contentType, host: DOC.host },
      payload: DOC.payload,
    };
    expect(tencentDocSignature(input)).toBe(DOC_SIGNATURE);
    expect(tencentDocSignature({ ...input, secretKey: DOC_ZH_SECRET_KEY })).toBe(DOC_ZH_SIGNATURE);
  });
});
