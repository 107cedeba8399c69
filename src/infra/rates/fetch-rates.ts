import { parseCbrDaily } from '../../core/rates/parse-cbr.js';
import { parseEcbDaily } from '../../core/rates/parse-ecb.js';
import { type RateDocument, type RateSourceId, storeRates } from '../../core/rates/store-rates.js';
import type { Clock, CoreLogger } from '../../core/deps.js';
import type { PrismaClient } from '../../generated/prisma/client.js';

export const CBR_DAILY_URL = 'https://www.cbr.ru/scripts/XML_daily.asp';
export const ECB_DAILY_URL = 'https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml';

export interface FetchRatesDeps {
  db: PrismaClient;
  clock: Clock;
  logger: CoreLogger;
}

export interface FetchRatesOptions {
  cbrUrl?: string;
  ecbUrl?: string;
  /** Per request; a source slower than this counts as failed for this round. */
  timeoutMs?: number;
}

/** What one refresh did per source: how many rates it stored and for which date, or why it failed. */
export type RefreshOutcome = { ok: true; date: string; count: number } | { ok: false; error: string };

const SOURCES: Record<RateSourceId, { encoding: string; parse: (xml: string) => RateDocument }> = {
  // cbr.ru answers in windows-1251 (declared in the XML prolog), whatever the Content-Type says.
  cbr: { encoding: 'windows-1251', parse: parseCbrDaily },
  ecb: { encoding: 'utf-8', parse: parseEcbDaily },
};

/**
 * Fetches the CBR and ECB daily documents, parses and stores them. Each source on its own: one
 * failing (network, HTTP status, malformed document, database) is logged and leaves the other
 * and everything stored before untouched. Never throws, so it is safe in a timer.
 */
export async function refreshRates(deps: FetchRatesDeps, options: FetchRatesOptions = {}): Promise<Record<RateSourceId, RefreshOutcome>> {
  const urls: Record<RateSourceId, string> = { cbr: options.cbrUrl ?? CBR_DAILY_URL, ecb: options.ecbUrl ?? ECB_DAILY_URL };
  const timeoutMs = options.timeoutMs ?? 20_000;
  const refresh = async (source: RateSourceId): Promise<RefreshOutcome> => {
    const url = urls[source];
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/xml, text/xml' } });
      if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
      const bytes = await response.arrayBuffer();
      const document = SOURCES[source].parse(new TextDecoder(SOURCES[source].encoding, { fatal: true }).decode(bytes));
      const count = await storeRates(deps.db, source, document, deps.clock.now());
      deps.logger.info({ source, date: document.date, count }, 'exchange rates refreshed');
      return { ok: true, date: document.date, count };
    } catch (error) {
      deps.logger.error({ err: error, source, url }, `exchange rates: the ${source.toUpperCase()} refresh failed; the rates stored before stay in use until they are too old`);
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
  const [cbr, ecb] = await Promise.all([refresh('cbr'), refresh('ecb')]);
  return { cbr, ecb };
}
