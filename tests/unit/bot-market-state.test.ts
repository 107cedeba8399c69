// The lot list's state in callback data (64 bytes at most), the typed price range and search,
// and the default display currency.

import { describe, expect, test } from 'vitest';
import { parsePriceRange, parseSearch } from '../../src/bot/conversations/market-browse-input.js';
import {
  decodeListState,
  encodeListState,
  initialListState,
  type ListState,
  MAX_ID,
  MAX_PAGE,
  MAX_SEARCH,
  mkCb,
} from '../../src/bot/keyboards/market-buttons.js';
import { displayCurrencyFor } from '../../src/core/users/display-currency.js';

const LONGEST: ListState = {
  categoryId: MAX_ID,
  page: MAX_PAGE,
  sort: 'price_desc',
  platform: 'ANDROID',
  language: 'RU',
  leagueId: MAX_ID,
  minPrice: '123456789',
  maxPrice: '999999999',
  search: MAX_SEARCH,
};

describe('list state in callback data', () => {
  test.each<[string, ListState]>([
    ['the first page', initialListState(3)],
    ['every field at its longest', LONGEST],
    ['decimals', { categoryId: 70, page: 2, sort: 'rating', platform: 'PC', minPrice: '0.0005', maxPrice: '12.5' }],
    ['a search only', { categoryId: 1, page: 1, sort: 'newest', search: 1 }],
  ])('%s round-trips', (_name, state) => {
    expect(decodeListState(encodeListState(state))).toEqual(state);
  });

  test('the first page is short: category, page, three letters, empty filters', () => {
    expect(encodeListState(initialListState(3))).toBe('3_1_pxx____');
    expect(encodeListState({ ...initialListState(36), leagueId: 35, language: 'EN', search: 36 })).toBe('10_1_pxe_z___10');
  });

  test('the longest state fits every button that carries it within 64 bytes', () => {
    const state = encodeListState(LONGEST);
    expect(state.length).toBe(46);
    const data = [
      mkCb.list.build(state),
      mkCb.filter.build('league', state),
      mkCb.price.build(state),
      mkCb.search.build(state),
      mkCb.lot.build(MAX_ID, state),
    ];
    for (const d of data) expect(Buffer.byteLength(d)).toBeLessThanOrEqual(64);
    expect(mkCb.lot.parse(mkCb.lot.build(MAX_ID, state))).toEqual([MAX_ID, state]);
  });

  test.each([
    [''],
    ['3_1_pxx___'],
    ['3_1_pxx_____'],
    ['3_0_pxx____'],
    ['3_10000_pxx____'],
    ['03_1_pxx____'],
    ['3_1_qxx____'],
    ['3_1_pzx____'],
    ['3_1_pxz____'],
    ['3_1_PXX____'],
    ['zzzzzzz_1_pxx____'],
    ['zik0zk_1_pxx____'],
    ['3_1_pxx__1.50__'],
    ['3_1_pxx__01__'],
    ['3_1_pxx__1.12345__'],
    ['3_1_pxx__1..2__'],
    ['3_1_pxx__5_1_'],
    ['3_1_pxx___0_'],
    ['3_1_pxx____0'],
    ['3_1_pxx____1000'],
    ['3:1_pxx____'],
  ])('%j does not decode', (text) => {
    expect(decodeListState(text)).toBeUndefined();
  });

  test('the largest id decodes, one above does not', () => {
    expect(decodeListState(`${MAX_ID.toString(36)}_1_pxx____`)?.categoryId).toBe(MAX_ID);
    expect(decodeListState(`${(MAX_ID + 1).toString(36)}_1_pxx____`)).toBeUndefined();
  });
});

describe('typed price range', () => {
  test.each([
    ['10-50', { minPrice: '10', maxPrice: '50' }],
    [' 10 - 50 ', { minPrice: '10', maxPrice: '50' }],
    ['1,5–3', { minPrice: '1.5', maxPrice: '3' }],
    ['0.0005-0.001', { minPrice: '0.0005', maxPrice: '0.001' }],
    ['10-', { minPrice: '10' }],
    ['-50', { maxPrice: '50' }],
    ['0-50', { maxPrice: '50' }],
    ['007.50-8', { minPrice: '7.5', maxPrice: '8' }],
    ['5-5', { minPrice: '5', maxPrice: '5' }],
    ['999999999-', { minPrice: '999999999' }],
  ])('%j → %j', (input, expected) => {
    expect(parsePriceRange(input)).toEqual({ ok: true, value: expected });
  });

  test.each([
    ['', 'FORMAT'],
    ['-', 'FORMAT'],
    ['0-0', 'FORMAT'],
    ['10', 'FORMAT'],
    ['ten-20', 'FORMAT'],
    ['1.2.3-4', 'FORMAT'],
    ['-5-10', 'FORMAT'],
    ['1e3-5', 'FORMAT'],
    ['1.00001-2', 'DECIMALS'],
    ['1000000000-', 'TOO_LARGE'],
    ['12345678.5-', 'TOO_LARGE'],
    ['50-10', 'ORDER'],
  ])('%j is refused: %s', (input, code) => {
    expect(parsePriceRange(input)).toMatchObject({ ok: false, code });
  });

  test('every accepted range encodes into a state that decodes to it', () => {
    for (const input of ['0.0005-999999999', '1234.5678-', '-0.0001']) {
      const range = parsePriceRange(input);
      if (!range.ok) throw new Error(input);
      const state = { ...initialListState(1), ...range.value };
      expect(decodeListState(encodeListState(state))).toEqual(state);
    }
  });
});

describe('typed search', () => {
  test('spaces are collapsed and trimmed', () => {
    expect(parseSearch('  dragon   gold ')).toEqual({ ok: true, value: 'dragon gold' });
  });
  test.each([[''], ['  '], ['x'], ['y'.repeat(61)]])('%j is refused', (input) => {
    expect(parseSearch(input).ok).toBe(false);
  });
  test('Cyrillic is counted in characters', () => {
    expect(parseSearch('з'.repeat(60)).ok).toBe(true);
  });
});

describe('display currency', () => {
  const options = { currencies: ['RUB', 'USD', 'EUR'], defaultDisplayCurrency: 'RUB' };
  test.each([
    [{ displayCurrency: 'EUR', language: 'ru' }, 'EUR'],
    [{ displayCurrency: null, language: 'ru' }, 'RUB'],
    [{ displayCurrency: null, language: 'en' }, 'USD'],
    // A choice the market no longer offers falls back to the language's.
    [{ displayCurrency: 'GBP', language: 'en' }, 'USD'],
  ])('%j → %s', (user, expected) => {
    expect(displayCurrencyFor(user, options)).toBe(expected);
  });
  test("the language's currency not offered: the market default", () => {
    expect(displayCurrencyFor({ displayCurrency: null, language: 'en' }, { currencies: ['RUB', 'EUR'], defaultDisplayCurrency: 'EUR' })).toBe('EUR');
    expect(displayCurrencyFor(undefined, options)).toBe('RUB');
  });
});
