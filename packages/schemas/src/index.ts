/**
 * The wire contract between the server (apps/idp) and the UIs (apps/portal,
 * apps/app): per feature, the route paths, the zod schemas of request and
 * response bodies, and the constants both sides must agree on. Browser-safe:
 * zod only. Error answers are `{ error: { code, message, field?, … } }` everywhere.
 */
export * from './paths.ts';
export * from './shared-fields.ts';
export * from './site.ts';
export * from './registration.ts';
export * from './login-interaction.ts';
export * from './consent.ts';
export * from './qr-login.ts';
export * from './password-reset.ts';
export * from './user-center.ts';
export * from './companion-app.ts';
export * from './sms-code-state.ts';
