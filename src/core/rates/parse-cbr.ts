import { Dec } from '../money.js';
import { isoDay, type RateDocument } from './store-rates.js';

/**
 * The Central Bank of Russia's daily rates (https://www.cbr.ru/scripts/XML_daily.asp), already
 * decoded from windows-1251: `<ValCurs Date="dd.mm.yyyy">` holding `<Valute>` elements with
 * CharCode, Nominal and Value ("Nominal units cost Value roubles", comma as the decimal point).
 * Each becomes "1 CharCode = Value / Nominal RUB", divided exactly. Anything missing or malformed
 * throws an Error saying what and where.
 */
export function parseCbrDaily(xml: string): RateDocument {
  const root = /<ValCurs\b([^>]*)>([\s\S]*)<\/ValCurs>\s*$/.exec(xml);
  if (!root) throw new Error('CBR rates: no <ValCurs>…</ValCurs> document (truncated or not the daily rates XML)');
  const dateAttr = /\bDate\s*=\s*(["'])(\d{2})\.(\d{2})\.(\d{4})\1/.exec(root[1]!);
  const date = dateAttr ? isoDay(Number(dateAttr[4]), Number(dateAttr[3]), Number(dateAttr[2])) : null;
  if (!date) throw new Error('CBR rates: <ValCurs> has no valid Date="dd.mm.yyyy"');

  const body = root[2]!;
  const opened = body.match(/<Valute\b/g)?.length ?? 0;
  const blocks = [...body.matchAll(/<Valute\b[^>]*>([\s\S]*?)<\/Valute>/g)];
  if (blocks.length === 0) throw new Error('CBR rates: no <Valute> entries');
  if (blocks.length !== opened) throw new Error('CBR rates: a <Valute> element is not closed');

  const seen = new Set<string>();
  const rates = blocks.map((block, index) => {
    const inner = block[1]!;
    const code = field(inner, 'CharCode', index);
    if (!/^[A-Z]{3}$/.test(code)) throw new Error(`CBR rates: Valute #${index + 1}: CharCode "${code}" is not a 3-letter code`);
    const where = `Valute ${code}`;
    if (seen.has(code)) throw new Error(`CBR rates: ${where} appears twice`);
    seen.add(code);
    const nominal = field(inner, 'Nominal', index);
    if (!/^[1-9]\d*$/.test(nominal)) throw new Error(`CBR rates: ${where}: Nominal "${nominal}" is not a positive whole number`);
    const value = field(inner, 'Value', index);
    if (!/^\d+(,\d+)?$/.test(value)) throw new Error(`CBR rates: ${where}: Value "${value}" is not a decimal like 93,2801`);
    const rate = new Dec(value.replace(',', '.')).div(new Dec(nominal));
    if (rate.lte(0)) throw new Error(`CBR rates: ${where}: Value is zero`);
    return { base: code, quote: 'RUB', rate };
  });
  return { date, rates };
}

/** The text of the one `<name>` child of a Valute; missing or repeated throws. */
function field(inner: string, name: string, index: number): string {
  const found = [...inner.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))];
  if (found.length !== 1) {
    throw new Error(`CBR rates: Valute #${index + 1}: ${found.length ? `more than one <${name}>` : `no <${name}>`}`);
  }
  return found[0]![1]!.trim();
}
