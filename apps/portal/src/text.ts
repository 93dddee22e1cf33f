/** Fills `{name}` placeholders of a ui.ts label. */
export { fillTemplate as fill } from '@uia/i18n';
