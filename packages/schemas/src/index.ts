/**
 * The wire contract between the server (apps/idp) and the UIs (apps/portal,
 * apps/app): per feature, the zod schemas of request and response bodies;
 * the route paths (paths.ts) and the values both sides agree on
 * (constants.ts). Error answers are `{ error: { code, message, field?, … } }`
 * everywhere. The UIs take only types from the schema modules and values
 * only from paths.ts and constants.ts, which import no zod: with
 * `"sideEffects": false` (package.json) the bundler then leaves zod out of
 * the browser bundles (~90 KB raw each).
 */
export * from './paths.ts';
export * from './constants.ts';
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
export * from './console-roles.ts';
export * from './console-audit.ts';
export * from './console-clients-constants.ts';
export * from './console-clients.ts';
export * from './console-account-paths.ts';
export * from './console-accounts.ts';
export * from './console-access.ts';
