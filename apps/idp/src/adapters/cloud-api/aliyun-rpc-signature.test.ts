import { describe, expect, it } from 'vitest';
import { aliyunDocEncode, aliyunDocSignature } from '../../../test/support/vendor-signatures.ts';
import { aliyunStringToSign, percentEncode, signAliyunRpc } from './aliyun-rpc-signature.ts';

/*
 * Aliyun 短信服务 "HTTP协议及签名" (https://help.aliyun.com/document_detail/101343.html)
 * works one SendSms request through: these are its values and its results.
 */
const DOC_PARAMS = {
  AccessKeyId: 'testId',
  Action: 'SendSms',
  Format: 'XML',
  OutId: '123',
  PhoneNumbers: '15300000001',
  RegionId: 'cn-hangzhou',
  SignName: '阿里云短信测试专用',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
  SignatureVersion: '1.0',
  TemplateCode: 'SMS_71390007',
  TemplateParam: '{"customer":"test"}',
  Timestamp: '2017-07-12T02:42:19Z',
  Version: '2017-05-25',
};
const DOC_SECRET = 'testSecret';
const DOC_STRING_TO_SIGN =
  'GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode%3DSMS_71390007%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25';
const DOC_SIGNATURE = 'zJDF+Lrzhj/ThnlvIToysFRq6t4=';

describe('Aliyun signature (documented example)', () => {
  it('reproduces the documented StringToSign and Signature', () => {
    expect(aliyunStringToSign('GET', DOC_PARAMS)).toBe(DOC_STRING_TO_SIGN);
    expect(signAliyunRpc('GET', DOC_PARAMS, DOC_SECRET)).toBe(DOC_SIGNATURE);
  });

  it('the test verifier, written from the documentation, agrees with the documented example too', () => {
    expect(aliyunDocSignature('GET', DOC_PARAMS, DOC_SECRET)).toBe(DOC_SIGNATURE);
  });

  it('percent-encodes per RFC 3986 as the documentation asks', () => {
    expect(percentEncode('a b')).toBe('a%20b');
    expect(percentEncode('*')).toBe('%2A');
    expect(percentEncode('~')).toBe('~');
    expect(percentEncode('+/=')).toBe('%2B%2F%3D');
    expect(percentEncode("!'()")).toBe('%21%27%28%29');
    expect(percentEncode('阿')).toBe('%E9%98%BF');
    for (const sample of ['a b*c~d', '11月26日 23:22', '{"code":"012345"}', "!'()*-._~+/=&%", '（演示）']) expect(percentEncode(sample)).toBe(aliyunDocEncode(sample));
  });
});
