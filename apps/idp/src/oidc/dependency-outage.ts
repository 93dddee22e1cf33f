import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { formatMessage } from '@uia/i18n';
import { isDependencyUnavailable, OUTAGE_RETRY_AFTER_SECONDS } from '../dependency-failure.ts';

/**
 * oidc-provider turns any failure of its adapter (PostgreSQL or Redis down) into `server_error`:
 * a 500 page saying the login request is invalid or expired, or a redirect to the relying party
 * with `error=server_error`. During an outage the person must instead learn that the service is
 * temporarily unavailable and retry (docs/architecture.md "Dependency failures"). The provider
 * reports every such failure through its `server_error` event; the request is marked there and
 * its response replaced, once oidc-provider is done with it, by a 503 with Retry-After.
 */
export function answerDependencyOutages(provider: Provider, options: { page: (ctx: { get(field: string): string }, title: string, body: string) => string; onOutage: (error: Error) => void }) {
  const outages = new WeakSet<object>();
  provider.on('server_error', (ctx: KoaContextWithOIDC, error: Error) => {
    if (!isDependencyUnavailable(error)) return;
    outages.add(ctx);
    options.onOutage(error);
  });
  provider.use(async (ctx, next) => {
    await next();
    if (!outages.has(ctx)) return;
    const message = formatMessage('SERVICE_UNAVAILABLE');
    ctx.status = 503;
    ctx.remove('location');
    ctx.set('retry-after', String(OUTAGE_RETRY_AFTER_SECONDS));
    ctx.set('cache-control', 'no-store');
    if (ctx.accepts('json', 'html') === 'html') {
      ctx.type = 'html';
      ctx.body = options.page(ctx, '服务暂时不可用', `<p>${message}。</p>`);
    } else {
      // RFC 6749 §4.1.2.1: temporarily_unavailable is the OAuth error for "try again later".
      ctx.body = { error: 'temporarily_unavailable', error_description: message };
    }
  });
}
