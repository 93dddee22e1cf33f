import { CONSOLE_PATHS } from '@uia/schemas';
import { ApiError } from '@uia/web';

/**
 * The console session ended (30 minutes idle, 8 hours, 退出 elsewhere) or the
 * role was revoked: the console's home asks to log in again, or says the role
 * is gone. True when the page is leaving.
 */
export function leaveIfConsoleSessionEnded(error: unknown): boolean {
  if (!(error instanceof ApiError) || !['CONSOLE_LOGIN_REQUIRED', 'CONSOLE_ROLE_REQUIRED'].includes(error.code)) return false;
  window.location.assign(CONSOLE_PATHS.page);
  return true;
}
