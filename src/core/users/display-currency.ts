import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';

export type SetDisplayCurrencyError = 'CURRENCY_UNSUPPORTED';

/** What the default display currency depends on: the user's own choice and language. */
export interface DisplayCurrencyUser {
  displayCurrency: string | null;
  language: string;
}

/** The currencies a buyer may display prices in and the one for a buyer who chose none. */
export interface DisplayCurrencyOptions {
  currencies: readonly string[];
  defaultDisplayCurrency: string;
}

/** The currency most people speaking a language think in. */
const LANGUAGE_CURRENCY: Record<string, string> = { ru: 'RUB', en: 'USD' };

/**
 * The currency market prices are shown in for this user: their choice while it is still offered,
 * else their language's usual currency (ru → RUB, en → USD) when offered, else the market default.
 */
export function displayCurrencyFor(user: DisplayCurrencyUser | undefined, options: DisplayCurrencyOptions): string {
  const chosen = user?.displayCurrency;
  if (chosen && options.currencies.includes(chosen)) return chosen;
  const byLanguage = user ? LANGUAGE_CURRENCY[user.language] : undefined;
  if (byLanguage && options.currencies.includes(byLanguage)) return byLanguage;
  return options.defaultDisplayCurrency;
}

/** Stores the user's display currency, one of the offered currencies. */
export async function setDisplayCurrency(
  deps: Pick<CoreDeps, 'db'>,
  input: { userId: number; currency: string; currencies: readonly string[] },
): Promise<Result<{ displayCurrency: string }, SetDisplayCurrencyError>> {
  if (!input.currencies.includes(input.currency)) return fail('CURRENCY_UNSUPPORTED');
  const user = await deps.db.user.update({ where: { id: input.userId }, data: { displayCurrency: input.currency }, select: { displayCurrency: true } });
  return ok({ displayCurrency: user.displayCurrency ?? input.currency });
}
