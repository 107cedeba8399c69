import { Dec } from '../money.js';
import { isoDay, type RateDocument } from './store-rates.js';

/**
 * The ECB's euro reference rates (https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml):
 * `<Cube time='yyyy-mm-dd'>` holding `<Cube currency='USD' rate='1.0163'/>`, each meaning
 * "1 EUR = rate USD". Anything missing or malformed throws an Error saying what.
 */
export function parseEcbDaily(xml: string): RateDocument {
  if (!/<gesmes:Envelope\b[\s\S]*<\/gesmes:Envelope>\s*$/.test(xml)) {
    throw new Error('ECB rates: no <gesmes:Envelope>…</gesmes:Envelope> document (truncated or not eurofxref-daily.xml)');
  }
  const days = [...xml.matchAll(/<Cube\s+time\s*=\s*(["'])([^"']*)\1\s*>([\s\S]*?)<\/Cube>/g)];
  if (days.length !== 1) throw new Error(`ECB rates: expected one <Cube time='…'>, found ${days.length}`);
  const [, , time, inner] = days[0]!;
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(time!);
  const date = parts ? isoDay(Number(parts[1]), Number(parts[2]), Number(parts[3])) : null;
  if (!date) throw new Error(`ECB rates: Cube time "${time}" is not a date yyyy-mm-dd`);

  const opened = inner!.match(/<Cube\b/g)?.length ?? 0;
  const entries = [...inner!.matchAll(/<Cube\s+currency\s*=\s*(["'])([^"']*)\1\s+rate\s*=\s*(["'])([^"']*)\3\s*\/>/g)];
  if (entries.length === 0) throw new Error('ECB rates: no <Cube currency=… rate=…/> entries');
  if (entries.length !== opened) throw new Error('ECB rates: a <Cube> entry lacks its currency or rate');

  const seen = new Set<string>();
  const rates = entries.map(([, , code, , value]) => {
    if (!/^[A-Z]{3}$/.test(code!)) throw new Error(`ECB rates: currency "${code}" is not a 3-letter code`);
    if (seen.has(code!)) throw new Error(`ECB rates: ${code} appears twice`);
    seen.add(code!);
    if (!/^\d+(\.\d+)?$/.test(value!)) throw new Error(`ECB rates: ${code}: rate "${value}" is not a decimal like 1.0163`);
    const rate = new Dec(value!);
    if (rate.lte(0)) throw new Error(`ECB rates: ${code}: rate is zero`);
    return { base: 'EUR', quote: code!, rate };
  });
  return { date, rates };
}
