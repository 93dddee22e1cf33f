export { errorMessages, fillTemplate, formatMessage, isErrorCode, type ErrorCode } from './errors.ts';
export { ui } from './ui.ts';
