import { ok, fail, type Result } from '../../result.js';

/** What a seller tells about themselves (shown to the admins deciding the application). */
export const ABOUT_MAX = 500;

/** Trimmed, up to ABOUT_MAX characters; empty means nothing said. */
export function parseAbout(text: string): Result<string, 'ABOUT_TOO_LONG'> {
  const value = text.trim();
  return value.length <= ABOUT_MAX ? ok(value) : fail('ABOUT_TOO_LONG');
}
