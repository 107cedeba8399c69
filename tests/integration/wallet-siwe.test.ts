// Sign-In with Ethereum without a database: the EIP-4361 parser against the ERC's own example and
// its grammar, signature checks with keys made here (ethers Wallet) and with the reference
// implementation's signed vector, and the EIP-1271 port, both as a fake and on a fake JSON-RPC node.

import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashMessage, Interface, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { EIP1271_MAGIC_VALUE } from '../../src/core/wallets/contract-signatures.js';
import { jsonRpcContractSignatures } from '../../src/infra/chain/contract-signatures.js';
import type { SiweExpectations } from '../../src/core/wallets/deps.js';
import { formatSiweMessage, isChecksummedAddress, parseSiweMessage, type SiweMessage } from '../../src/core/wallets/siwe-message.js';
import { verifySiwe } from '../../src/core/wallets/verify-siwe.js';
import { silentLogger } from '../../src/infra/logger.js';
import { fixedClock } from '../support/factories.js';
import { readFixture } from '../support/fixtures.js';

interface EthereumFixture {
  eip4361: {
    example_message: string;
    signed_vector: { fields: Record<string, string | number>; message_derived: string; signature: string; expected_address: string };
  };
  eip55_check_derived: { input: string; checksummed: string };
}
const ethereum = readFixture<EthereumFixture>('ethereum.json');
const EXAMPLE = ethereum.eip4361.example_message;
const VECTOR = ethereum.eip4361.signed_vector;

const NOW = new Date('2026-01-15T12:00:00Z');
const EXPECTED: SiweExpectations = { domain: 'market.example', scheme: 'https', uri: 'https://market.example/wallet', chainId: 11155111 };

function messageFor(address: string, overrides: Partial<SiweMessage> = {}): string {
  return formatSiweMessage({
    scheme: 'https',
    domain: EXPECTED.domain,
    address,
    statement: 'Link this wallet to your Market account in Telegram.',
    uri: EXPECTED.uri,
    version: '1',
    chainId: EXPECTED.chainId,
    nonce: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    issuedAt: '2026-01-15T11:59:00.000Z',
    expirationTime: '2026-01-15T12:09:00.000Z',
    ...overrides,
  });
}

const deps = (extra: Partial<Parameters<typeof verifySiwe>[0]> = {}) => ({ clock: fixedClock(NOW), logger: silentLogger, ...extra });

describe('the EIP-4361 parser', () => {
  test('reads every field of the ERC’s official example, and writes it back unchanged', () => {
    const parsed = parseSiweMessage(EXAMPLE);
    expect(parsed).toEqual({
      ok: true,
      value: {
        domain: 'example.com',
        address: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2',
        statement: 'I accept the ExampleOrg Terms of Service: https://example.com/tos',
        uri: 'https://example.com/login',
        version: '1',
        chainId: 1,
        nonce: '32891756',
        issuedAt: '2021-09-30T16:25:24Z',
        resources: ['ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/', 'https://example.com/my-web2-claim.json'],
      },
    });
    if (parsed.ok) expect(formatSiweMessage(parsed.value)).toBe(EXAMPLE);
  });

  test('takes the ERC’s scheme and port variants of the first line', () => {
    const withScheme = parseSiweMessage(EXAMPLE.replace(/^example\.com/, 'https://example.com'));
    expect(withScheme.ok && [withScheme.value.scheme, withScheme.value.domain]).toEqual(['https', 'example.com']);
    const withPort = parseSiweMessage(EXAMPLE.replace(/^example\.com/, 'example.com:3388'));
    expect(withPort.ok && withPort.value.domain).toBe('example.com:3388');
  });

  test('reads the reference implementation’s signed message with its expiration time', () => {
    const parsed = parseSiweMessage(VECTOR.message_derived);
    expect(parsed.ok && parsed.value).toMatchObject({
      domain: 'login.xyz',
      address: VECTOR.expected_address,
      nonce: 'bTyXgcQxn2htgkjJn',
      issuedAt: '2022-01-27T17:09:38.578Z',
      expirationTime: '2100-01-07T14:31:43.952Z',
    });
  });

  test('a message without a statement has an empty line on each side of where it would be', () => {
    const text = messageFor(new Wallet(`0x${'11'.repeat(32)}`).address, { statement: undefined, notBefore: '2026-01-15T11:00:00Z', requestId: 'req-1' });
    expect(text).toContain('\n\n\nURI: ');
    const parsed = parseSiweMessage(text);
    expect(parsed.ok && parsed.value.statement).toBeUndefined();
    expect(parsed.ok && formatSiweMessage(parsed.value)).toBe(text);
  });

  test.each([
    ['CRLF line ends', EXAMPLE.replace(/\n/g, '\r\n')],
    ['a trailing newline', `${EXAMPLE}\n`],
    ['a wrong header', EXAMPLE.replace('wants you to sign in', 'wants you to log in')],
    ['a domain with a space', EXAMPLE.replace(/^example\.com/, 'exa mple.com')],
    ['an all-lowercase address', EXAMPLE.replace('0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2', ethereum.eip55_check_derived.input)],
    ['an address with a wrong checksum', EXAMPLE.replace('0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2', '0xc02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2')],
    ['a short address', EXAMPLE.replace('0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2', '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756C')],
    ['no empty line after the address', EXAMPLE.replace('Cc2\n\n', 'Cc2\n')],
    ['a statement with a character outside RFC 3986', EXAMPLE.replace('I accept', 'I "accept"')],
    ['no empty line after the statement', EXAMPLE.replace('/tos\n\n', '/tos\n')],
    ['a URI that is not one', EXAMPLE.replace('URI: https://example.com/login', 'URI: not a uri')],
    ['version 2', EXAMPLE.replace('Version: 1', 'Version: 2')],
    ['fields out of order', EXAMPLE.replace('Version: 1\nChain ID: 1', 'Chain ID: 1\nVersion: 1')],
    ['a chain id that is not a number', EXAMPLE.replace('Chain ID: 1', 'Chain ID: one')],
    ['a nonce of 7 characters', EXAMPLE.replace('Nonce: 32891756', 'Nonce: 3289175')],
    ['a nonce with a dash', EXAMPLE.replace('Nonce: 32891756', 'Nonce: 3289-1756')],
    ['an issued-at that is no date', EXAMPLE.replace('2021-09-30T16:25:24Z', 'yesterday')],
    ['a 30th of February', EXAMPLE.replace('2021-09-30T16:25:24Z', '2021-02-30T16:25:24Z')],
    ['an issued-at without a zone', EXAMPLE.replace('2021-09-30T16:25:24Z', '2021-09-30T16:25:24')],
    ['an unknown field', EXAMPLE.replace('Resources:', 'Color: blue\nResources:')],
    ['a resource without "- "', `${EXAMPLE}\nhttps://example.com/x`],
    ['no URI at all', EXAMPLE.replace('URI: https://example.com/login\n', '')],
    ['a message far too long', EXAMPLE.replace('I accept', 'I accept'.repeat(2000))],
  ])('refuses %s', (_label, text) => {
    expect(parseSiweMessage(text)).toMatchObject({ ok: false, code: 'MESSAGE_MALFORMED', details: { reason: expect.any(String) } });
  });

  test('EIP-55: the checksummed form is accepted, the lowercase one and a wrong checksum are not', () => {
    expect(isChecksummedAddress(ethereum.eip55_check_derived.checksummed)).toBe(true);
    expect(isChecksummedAddress(ethereum.eip55_check_derived.input)).toBe(false);
    expect(isChecksummedAddress(ethereum.eip55_check_derived.checksummed.replace('C02', 'c02'))).toBe(false);
  });
});

describe('verifySiwe', () => {
  const signer = new Wallet(`0x${'42'.repeat(32)}`);
  const stranger = new Wallet(`0x${'43'.repeat(32)}`);

  test('the reference implementation’s signed vector recovers to its address', async () => {
    const fields = VECTOR.fields;
    const expected = { domain: String(fields.domain), scheme: 'https', uri: String(fields.uri), chainId: Number(fields.chainId) };
    const verified = await verifySiwe(deps(), { message: VECTOR.message_derived, signature: VECTOR.signature, expected });
    expect(verified).toMatchObject({ ok: true, value: { address: VECTOR.expected_address, kind: 'EOA' } });
  });

  test('a message signed here with personal_sign (ERC-191) is accepted as the signer’s', async () => {
    const message = messageFor(signer.address);
    const verified = await verifySiwe(deps(), { message, signature: await signer.signMessage(message), expected: EXPECTED });
    expect(verified).toMatchObject({ ok: true, value: { address: signer.address, kind: 'EOA', message: { nonce: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' } } });
  });

  test('a signature by another key, a damaged one and a non-hex one are refused', async () => {
    const message = messageFor(signer.address);
    const good = await signer.signMessage(message);
    expect(await verifySiwe(deps(), { message, signature: await stranger.signMessage(message), expected: EXPECTED })).toEqual({ ok: false, code: 'SIGNATURE_INVALID' });
    const damaged = `${good.slice(0, 10)}${good[10] === '0' ? '1' : '0'}${good.slice(11)}`;
    expect(await verifySiwe(deps(), { message, signature: damaged, expected: EXPECTED })).toEqual({ ok: false, code: 'SIGNATURE_INVALID' });
    expect(await verifySiwe(deps(), { message, signature: good.slice(0, -2), expected: EXPECTED })).toEqual({ ok: false, code: 'SIGNATURE_INVALID' });
    expect(await verifySiwe(deps(), { message, signature: 'not-hex', expected: EXPECTED })).toEqual({ ok: false, code: 'SIGNATURE_MALFORMED' });
    // The signature is good for the text it signed, not for a changed one.
    const changed = message.replace('Link this wallet', 'Link that wallet');
    expect(await verifySiwe(deps(), { message: changed, signature: good, expected: EXPECTED })).toEqual({ ok: false, code: 'SIGNATURE_INVALID' });
  });

  test.each([
    ['another domain', { domain: 'evil.example' }, 'DOMAIN_MISMATCH'],
    ['another scheme', { scheme: 'http' }, 'DOMAIN_MISMATCH'],
    ['another URI', { uri: 'https://market.example/other' }, 'URI_MISMATCH'],
    ['another chain', { chainId: 1 }, 'CHAIN_MISMATCH'],
    ['an expiration time passed', { expirationTime: '2026-01-15T11:59:59Z' }, 'MESSAGE_EXPIRED'],
    ['a not-before to come', { notBefore: '2026-01-15T12:30:00Z' }, 'MESSAGE_NOT_YET_VALID'],
    ['an issued-at an hour ahead', { issuedAt: '2026-01-15T13:00:00Z' }, 'MESSAGE_NOT_YET_VALID'],
  ] as const)('a correctly signed message with %s is refused', async (_label, overrides, code) => {
    const message = messageFor(signer.address, overrides);
    const verified = await verifySiwe(deps(), { message, signature: await signer.signMessage(message), expected: EXPECTED });
    expect(verified).toMatchObject({ ok: false, code });
  });

  test('a domain differing only in letter case is the same domain', async () => {
    const message = messageFor(signer.address, { domain: 'Market.Example' });
    const verified = await verifySiwe(deps(), { message, signature: await signer.signMessage(message), expected: EXPECTED });
    expect(verified.ok).toBe(true);
  });

  describe('contract wallets (EIP-1271) through the port', () => {
    const contract = '0x000000000000000000000000000000000000dEaD';

    test('the contract’s yes is asked with the ERC-191 hash and the signature, and accepted', async () => {
      const message = messageFor(contract);
      const signature = await stranger.signMessage(message); // an owner's signature, say
      const contractSignatures = vi.fn(async () => true);
      const verified = await verifySiwe(deps({ contractSignatures }), { message, signature, expected: EXPECTED });
      expect(verified).toMatchObject({ ok: true, value: { address: contract, kind: 'CONTRACT' } });
      expect(contractSignatures).toHaveBeenCalledWith(contract, hashMessage(message), signature);
    });

    test('a contract’s no, no chain configured, or a chain that does not answer: not accepted', async () => {
      const message = messageFor(contract);
      const signature = `0x${'ab'.repeat(100)}`; // not even 65 bytes: only a contract could accept it
      expect(await verifySiwe(deps({ contractSignatures: async () => false }), { message, signature, expected: EXPECTED })).toEqual({ ok: false, code: 'SIGNATURE_INVALID' });
      expect(await verifySiwe(deps(), { message, signature, expected: EXPECTED })).toEqual({ ok: false, code: 'SIGNATURE_INVALID' });
      const down = async () => {
        throw new Error('connect ECONNREFUSED');
      };
      expect(await verifySiwe(deps({ contractSignatures: down }), { message, signature, expected: EXPECTED })).toEqual({ ok: false, code: 'CONTRACT_CHECK_UNAVAILABLE' });
    });

    test('an EOA signature is checked by ecrecover alone: the chain is not asked', async () => {
      const message = messageFor(signer.address);
      const contractSignatures = vi.fn(async () => true);
      await verifySiwe(deps({ contractSignatures }), { message, signature: await signer.signMessage(message), expected: EXPECTED });
      expect(contractSignatures).not.toHaveBeenCalled();
    });
  });
});

describe('jsonRpcContractSignatures on a fake JSON-RPC node', () => {
  const CONTRACT = '0x000000000000000000000000000000000000dEaD';
  const EOA = '0x9D85ca56217D2bb651b00f15e694EB7E713637D4';
  const HASH = hashMessage('hello');
  const abi = new Interface(['function isValidSignature(bytes32 hash, bytes signature) view returns (bytes4)']);
  let server: Server;
  let url: string;
  const requests: { method: string; params: unknown[] }[] = [];
  let answer: 'magic' | 'other' | 'revert' = 'magic';

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      const call = JSON.parse(body) as { id: number; method: string; params: unknown[] };
      requests.push({ method: call.method, params: call.params });
      const reply = (payload: object) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: call.id, ...payload }));
      if (call.method === 'eth_chainId') return reply({ result: '0xaa36a7' });
      if (call.method === 'eth_getCode') return reply({ result: (call.params[0] as string).toLowerCase() === CONTRACT.toLowerCase() ? '0x6080604052' : '0x' });
      if (call.method === 'eth_call') {
        if (answer === 'revert') return reply({ error: { code: 3, message: 'execution reverted', data: '0x' } });
        return reply({ result: abi.encodeFunctionResult('isValidSignature', [answer === 'magic' ? EIP1271_MAGIC_VALUE : '0xffffffff']) });
      }
      reply({ error: { code: -32601, message: `no ${call.method} here` } });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('asks the contract isValidSignature(hash, signature) and takes the magic value as yes', async () => {
    const check = jsonRpcContractSignatures(url, 11155111);
    requests.length = 0;
    answer = 'magic';
    expect(await check(CONTRACT, HASH, '0x1234')).toBe(true);
    const call = requests.find((r) => r.method === 'eth_call');
    const tx = call?.params[0] as { to: string; data: string };
    expect(tx.to.toLowerCase()).toBe(CONTRACT.toLowerCase());
    const [hash, signature] = abi.decodeFunctionData('isValidSignature', tx.data);
    expect([hash, signature]).toEqual([HASH, '0x1234']);
  });

  test('any other answer, or a revert, is a no', async () => {
    const check = jsonRpcContractSignatures(url, 11155111);
    answer = 'other';
    expect(await check(CONTRACT, HASH, '0x1234')).toBe(false);
    answer = 'revert';
    expect(await check(CONTRACT, HASH, '0x1234')).toBe(false);
  });

  test('an address without code is no contract: no call is made', async () => {
    const check = jsonRpcContractSignatures(url, 11155111);
    requests.length = 0;
    expect(await check(EOA, HASH, '0x1234')).toBe(false);
    expect(requests.map((r) => r.method)).toEqual(['eth_getCode']);
  });

  test('a node that cannot be reached throws (verifySiwe answers CONTRACT_CHECK_UNAVAILABLE)', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(jsonRpcContractSignatures(`http://127.0.0.1:${port}`, 11155111)(CONTRACT, HASH, '0x1234')).rejects.toThrow();
  });
});
