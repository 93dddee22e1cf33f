import { createHash, createHmac, randomBytes } from 'node:crypto';
import { isIdType } from '@uia/validators';
import { representativeWithIdNumber, type BusinessRegistry, type RegisteredEntity, type RegisteredRepresentative } from '../../../ports/business-registry.ts';
import { VendorCallError } from '../../../ports/vendor-call-error.ts';
import type { VendorReachability } from '../../../ports/vendor-reachability.ts';
import type { VendorCallMetrics } from '../../metrics/vendor-call-metrics.ts';
import { checkEndpointReachable, meteredCall, vendorUnavailable, withOneRetryWhenUnavailable } from '../../cloud-api/vendor-call.ts';
import { callVendor, type FetchLike } from '../../cloud-api/vendor-http.ts';
import { exchangeFailureKind } from './exchange-error-codes.ts';

export interface ExchangeRegistryConfig {
  /** The exchange's base URL, e.g. `https://dsep.example.gov.cn/api/v1` (the lookup is `{base}/entities/lookup`). */
  baseUrl: string;
  appId: string;
  /** The HMAC-SHA256 key the exchange issued with the app id. */
  appSecret: string;
  /** The shared key of `idNumberHmac`, when the exchange gives only a keyed hash of ID numbers. */
  idNumberHashKey: Buffer | null;
  timeoutMs: number;
}

/** 存续/在业: the entity operates. Any other status (吊销, 注销, 迁出, 停业, 撤销, …) is "not registered" for the platform. */
const OPERATING = new Set(['存续', '在业']);

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The string an exchange request signs (docs/business-registry-exchange.md §Signing). */
export function exchangeStringToSign(request: { method: string; path: string; timestamp: string; nonce: string; body: string }): string {
  return [request.method, request.path, request.timestamp, request.nonce, sha256Hex(request.body)].join('\n');
}

/** `idNumberHmac`: hex(HMAC-SHA256(key, ID number with its letters upper-cased)). */
export function idNumberHmac(key: Buffer, idNumber: string): string {
  return createHmac('sha256', key).update(idNumber.toUpperCase(), 'utf8').digest('hex');
}

/**
 * BusinessRegistry through a city's government data-sharing exchange
 * (政务数据共享交换平台), by the contract in docs/business-registry-exchange.md:
 * a signed `POST {base}/entities/lookup` of `{"uscc"}` answered with
 * `{"found":false}` or the entity, its status and its legal representative
 * (ID number in clear or as `idNumberHmac`).
 */
export class ExchangeBusinessRegistry implements BusinessRegistry, VendorReachability {
  private readonly url: URL;

  constructor(
    private readonly config: ExchangeRegistryConfig,
    private readonly deps: { metrics: VendorCallMetrics; fetch?: FetchLike; now?: () => number; nonce?: () => string },
  ) {
    this.url = new URL(`${config.baseUrl.replace(/\/+$/, '')}/entities/lookup`);
  }

  lookup(uscc: string): Promise<RegisteredEntity | null> {
    return withOneRetryWhenUnavailable(() => meteredCall(this.deps.metrics, { vendor: 'exchange', api: 'entities/lookup' }, () => this.once(uscc)));
  }

  checkReachable(): Promise<void> {
    return checkEndpointReachable(this.deps.fetch ?? fetch, `${this.config.baseUrl.replace(/\/+$/, '')}/`);
  }

  private async once(uscc: string): Promise<RegisteredEntity | null> {
    const body = JSON.stringify({ uscc });
    const timestamp = String(Math.floor((this.deps.now ?? Date.now)() / 1000));
    // A fresh nonce per attempt: the exchange refuses a nonce it has seen.
    const nonce = (this.deps.nonce ?? (() => randomBytes(16).toString('hex')))();
    const signature = createHmac('sha256', this.config.appSecret)
      .update(exchangeStringToSign({ method: 'POST', path: this.url.pathname, timestamp, nonce, body }), 'utf8')
      .digest('base64');
    const { status, body: answer } = await callVendor(
      this.deps.fetch ?? fetch,
      this.url.href,
      {
        headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json', 'x-app-id': this.config.appId, 'x-timestamp': timestamp, 'x-nonce': nonce, 'x-signature': signature },
        body,
      },
      this.config.timeoutMs,
      vendorUnavailable,
    );
    const error = answer.error as { code?: unknown } | undefined;
    if (status !== 200 || error !== undefined) {
      const code = typeof error?.code === 'string' ? error.code : `http_${status}`;
      throw new VendorCallError(exchangeFailureKind(code), code);
    }
    if (answer.found === false) return null;
    const entity = answer.found === true ? this.readEntity(answer.entity, uscc) : null;
    if (!entity) throw new VendorCallError('unavailable', 'unexpected_answer');
    return OPERATING.has(entity.status) ? entity.registered : null;
  }

  /** The entity as the contract describes it; null when the answer does not follow the contract (or names another USCC). */
  private readEntity(value: unknown, uscc: string): { status: string; registered: RegisteredEntity } | null {
    const entity = value as { uscc?: unknown; name?: unknown; status?: unknown; legalRepresentative?: Record<string, unknown> } | undefined;
    const person = entity?.legalRepresentative;
    if (entity?.uscc !== uscc || typeof entity.name !== 'string' || typeof entity.status !== 'string' || !person) return null;
    if (typeof person.name !== 'string' || typeof person.idType !== 'string' || !isIdType(person.idType)) return null;
    const who = { name: person.name, idType: person.idType };
    let representative: RegisteredRepresentative;
    if (typeof person.idNumber === 'string') representative = representativeWithIdNumber({ ...who, idNumber: person.idNumber });
    else if (typeof person.idNumberHmac === 'string') representative = this.hashedRepresentative(who, person.idNumberHmac);
    else return null;
    return { status: entity.status, registered: { uscc, name: entity.name, legalRepresentative: representative } };
  }

  private hashedRepresentative(who: Pick<RegisteredRepresentative, 'name' | 'idType'>, recordedHmac: string): RegisteredRepresentative {
    const key = this.config.idNumberHashKey;
    // The exchange hashes ID numbers but we were given no key to compare them: an operator must configure it.
    if (!key) throw new VendorCallError('misconfigured', 'id_number_hash_key_missing');
    const recorded = representativeWithIdNumber({ ...who, idNumber: recordedHmac.toLowerCase() });
    return { ...who, hasIdNumber: (idNumber) => recorded.hasIdNumber(idNumberHmac(key, idNumber)) };
  }
}
