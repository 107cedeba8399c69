import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { Dec } from '../../src/core/money.js';
import { parseCbrDaily } from '../../src/core/rates/parse-cbr.js';
import { parseEcbDaily } from '../../src/core/rates/parse-ecb.js';
import { FIXTURES_DIR, fixtureText, readFixture } from '../support/fixtures.js';

const cbrXml = new TextDecoder('windows-1251').decode(readFileSync(new URL('cbr_daily_sample.xml', FIXTURES_DIR)));
const ecbXml = fixtureText('ecb_daily_sample.xml');
const facts = readFixture<{ cbr: { spot_values: Record<string, { Nominal: number; Value: string; VunitRate: string }> }; ecb: { spot_values: Record<string, string> } }>('rates.json');

const rateOf = (doc: ReturnType<typeof parseCbrDaily>, code: string) => doc.rates.find((r) => r.base === code || r.quote === code)?.rate.toString();

describe('CBR daily XML (real sample, 02.11.2023, windows-1251)', () => {
  const doc = parseCbrDaily(cbrXml);

  test('date and every Valute, as 1 CharCode = Value/Nominal RUB', () => {
    expect(doc.date).toBe('2023-11-02');
    expect(doc.rates).toHaveLength(43);
    expect(doc.rates.every((r) => r.quote === 'RUB' && /^[A-Z]{3}$/.test(r.base))).toBe(true);
    expect(rateOf(doc, 'USD')).toBe('93.2801');
    expect(rateOf(doc, 'EUR')).toBe('98.4365');
    expect(rateOf(doc, 'AMD')).toBe('0.231815'); // Nominal 100
    expect(rateOf(doc, 'JPY')).toBe('0.616524'); // Nominal 100
    expect(rateOf(doc, 'VND')).toBe('0.00387231'); // Nominal 10000
  });

  test('matches the published spot values and, for every entry, the file’s own VunitRate exactly', () => {
    for (const [code, spot] of Object.entries(facts.cbr.spot_values)) {
      expect(rateOf(doc, code)).toBe(new Dec(spot.VunitRate.replace(',', '.')).toString());
    }
    const unitRates = [...cbrXml.matchAll(/<CharCode>(\w+)<\/CharCode>[\s\S]*?<VunitRate>([\d,]+)<\/VunitRate>/g)];
    expect(unitRates).toHaveLength(43);
    for (const [, code, unit] of unitRates) expect(rateOf(doc, code!), code).toBe(new Dec(unit!.replace(',', '.')).toString());
  });

  const usd = '<Valute ID="R01235"><NumCode>840</NumCode><CharCode>USD</CharCode><Nominal>1</Nominal><Name>x</Name><Value>93,2801</Value></Valute>';
  const wrap = (body: string, date = '02.11.2023') => `<?xml version="1.0" encoding="windows-1251"?><ValCurs Date="${date}" name="Foreign Currency Market">${body}</ValCurs>`;

  test('a minimal well-formed document parses', () => {
    expect(parseCbrDaily(wrap(usd))).toEqual({ date: '2023-11-02', rates: [{ base: 'USD', quote: 'RUB', rate: new Dec('93.2801') }] });
  });

  test.each([
    ['empty', '', /no <ValCurs>/],
    ['HTML error page', '<html><body>Service unavailable</body></html>', /no <ValCurs>/],
    ['truncated', wrap(usd).slice(0, -20), /no <ValCurs>/],
    ['no Date', wrap(usd).replace(' Date="02.11.2023"', ''), /no valid Date/],
    ['impossible Date', wrap(usd, '31.02.2023'), /no valid Date/],
    ['ISO Date', wrap(usd, '2023-11-02'), /no valid Date/],
    ['no Valute', wrap(''), /no <Valute> entries/],
    ['unclosed Valute', wrap(`${usd}<Valute ID="x"><CharCode>EUR</CharCode>`), /not closed/],
    ['no Nominal', wrap(usd.replace('<Nominal>1</Nominal>', '')), /Valute #1: no <Nominal>/],
    ['no Value', wrap(usd.replace('<Value>93,2801</Value>', '')), /Valute #1: no <Value>/],
    ['two Values', wrap(usd.replace('</Valute>', '<Value>1,0</Value></Valute>')), /more than one <Value>/],
    ['Value with a dot', wrap(usd.replace('93,2801', '93.2801')), /Value "93.2801" is not a decimal/],
    ['negative Value', wrap(usd.replace('93,2801', '-93,2801')), /is not a decimal/],
    ['zero Value', wrap(usd.replace('93,2801', '0,0000')), /Value is zero/],
    ['zero Nominal', wrap(usd.replace('<Nominal>1<', '<Nominal>0<')), /Nominal "0" is not a positive whole number/],
    ['bad CharCode', wrap(usd.replace('>USD<', '>usd<')), /CharCode "usd"/],
    ['a currency twice', wrap(usd + usd), /Valute USD appears twice/],
  ])('refuses %s with a clear error', (_name, xml, message) => {
    expect(() => parseCbrDaily(xml)).toThrow(message);
  });
});

describe('ECB eurofxref-daily XML (real sample, 2022-07-08)', () => {
  const doc = parseEcbDaily(ecbXml);

  test('date and every rate, as 1 EUR = rate CUR', () => {
    expect(doc.date).toBe('2022-07-08');
    expect(doc.rates).toHaveLength(31);
    expect(doc.rates.every((r) => r.base === 'EUR')).toBe(true);
    for (const code of ['USD', 'JPY', 'GBP', 'IDR']) expect(rateOf(doc, code), code).toBe(facts.ecb.spot_values[code]);
    expect(rateOf(doc, 'USD')).toBe('1.0163');
    expect(rateOf(doc, 'GBP')).toBe('0.84585');
    expect(rateOf(doc, 'PLN')).toBe('4.763');
  });

  const wrap = (cubes: string, time = '2022-07-08') =>
    `<?xml version="1.0" encoding="UTF-8"?><gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01"><Cube><Cube time='${time}'>${cubes}</Cube></Cube></gesmes:Envelope>`;
  const usd = "<Cube currency='USD' rate='1.0163'/>";

  test('a minimal well-formed document parses (double quotes too)', () => {
    expect(parseEcbDaily(wrap(usd.replaceAll("'", '"')))).toEqual({ date: '2022-07-08', rates: [{ base: 'EUR', quote: 'USD', rate: new Dec('1.0163') }] });
  });

  test.each([
    ['empty', '', /no <gesmes:Envelope>/],
    ['truncated', ecbXml.slice(0, 800), /no <gesmes:Envelope>/],
    ['no time Cube', wrap(usd).replace(" time='2022-07-08'", ''), /expected one <Cube time/],
    ['two days', wrap(`${usd}</Cube><Cube time='2022-07-07'>${usd}`), /found 2/],
    ['impossible date', wrap(usd, '2022-13-01'), /not a date/],
    ['no rates', wrap(''), /no <Cube currency/],
    ['a Cube without its rate', wrap(`${usd}<Cube currency='JPY'/>`), /lacks its currency or rate/],
    ['a comma in a rate', wrap(usd.replace('1.0163', '1,0163')), /rate "1,0163" is not a decimal/],
    ['a zero rate', wrap(usd.replace('1.0163', '0.0')), /rate is zero/],
    ['a currency twice', wrap(usd + usd), /USD appears twice/],
  ])('refuses %s with a clear error', (_name, xml, message) => {
    expect(() => parseEcbDaily(xml)).toThrow(message);
  });
});
