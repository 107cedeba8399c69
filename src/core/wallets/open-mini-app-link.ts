import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import { issueWalletLink } from './issue-wallet-link.js';
import { type OpenWalletLink, openWalletLink, type WalletLinkError } from './open-wallet-link.js';
import { type InitDataError, validateInitData } from './validate-init-data.js';

export type MiniAppLinkError = InitDataError | WalletLinkError | 'USER_NOT_FOUND' | 'LINK_USER_MISMATCH';

/**
 * The wallet page opened as a Telegram Mini App: Telegram's signed initData says who the user is.
 * With a `?link=` token as well (the bot's web_app button), the two must name the same user;
 * without one (a menu button, a direct Mini App link) a fresh link is issued for the user, and its
 * token returned so the page carries on as from the bot's link.
 */
export async function openMiniAppLink(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { initData: string; botToken: string; linkToken?: string },
): Promise<Result<OpenWalletLink & { token: string }, MiniAppLinkError>> {
  const valid = validateInitData(input.initData, input.botToken, { now: deps.clock.now() });
  if (!valid.ok) return valid;
  const user = await deps.db.user.findUnique({ where: { telegramId: valid.value.user.telegramId }, select: { id: true } });
  if (!user) return fail('USER_NOT_FOUND');
  const token = input.linkToken ?? (await issueWalletLink(deps, { userId: user.id })).token;
  const link = await openWalletLink(deps, { token });
  if (!link.ok) return link;
  if (link.value.userId !== user.id) return fail('LINK_USER_MISMATCH');
  return ok({ ...link.value, token });
}
