import { getAddress } from 'ethers';
import { fail, ok, type Result } from '../result.js';

/**
 * A Sign-In with Ethereum message (ERC-4361), parsed field by field from its ABNF:
 *
 *   [ scheme "://" ] domain " wants you to sign in with your Ethereum account:" LF
 *   address LF
 *   LF
 *   [ statement LF ]
 *   LF
 *   "URI: " uri LF
 *   "Version: 1" LF
 *   "Chain ID: " chain-id LF
 *   "Nonce: " nonce LF
 *   "Issued At: " issued-at
 *   [ LF "Expiration Time: " date-time ] [ LF "Not Before: " date-time ]
 *   [ LF "Request ID: " *pchar ] [ LF "Resources:" *( LF "- " URI ) ]
 *
 * The parser is strict: every line in its place, LF only, no trailing newline, each term in its
 * character set, the address EIP-55 checksummed. What the message is checked against (domain,
 * URI, chain, nonce, times) is verifySiwe's business, not the parser's.
 */
export interface SiweMessage {
  scheme?: string;
  /** RFC 3986 authority: [userinfo "@"] host [":" port]. */
  domain: string;
  /** EIP-55 checksummed. */
  address: string;
  statement?: string;
  uri: string;
  version: '1';
  chainId: number;
  nonce: string;
  /** RFC 3339 date-times, as written in the message. */
  issuedAt: string;
  expirationTime?: string;
  notBefore?: string;
  requestId?: string;
  resources?: string[];
}

/** Messages are a dozen short lines; anything far longer is not one of ours. */
export const SIWE_MESSAGE_MAX_LENGTH = 8192;

const HEADER_SUFFIX = ' wants you to sign in with your Ethereum account:';
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;
// RFC 3986 authority = [ userinfo "@" ] host [ ":" port ]; host = IP-literal / IPv4address / reg-name.
const PCT = '%[0-9A-Fa-f]{2}';
const USERINFO = `(?:[A-Za-z0-9._~!$&'()*+,;=:-]|${PCT})*`;
const REG_NAME = `(?:[A-Za-z0-9._~!$&'()*+,;=-]|${PCT})+`;
const IP_LITERAL = '\\[[0-9A-Fa-f:.]+\\]|\\[v[0-9A-Fa-f]+\\.[A-Za-z0-9._~!$&\'()*+,;=:-]+\\]';
const AUTHORITY = new RegExp(`^(?:${USERINFO}@)?(?:${IP_LITERAL}|${REG_NAME})(?::[0-9]*)?$`);
// RFC 3986 URI = scheme ":" hier-part [ "?" query ] [ "#" fragment ], by its character set.
const URI = new RegExp(`^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=-]|${PCT})*$`);
// statement = *( reserved / unreserved / " " ): printable ASCII less "%", quotes, <>, \, ^, `, {|}.
const STATEMENT = /^[A-Za-z0-9._~:/?#[\]@!$&'()*+,;= -]*$/;
const NONCE = /^[A-Za-z0-9]{8,}$/;
const CHAIN_ID = /^[0-9]+$/;
const REQUEST_ID = new RegExp(`^(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|${PCT})*$`);
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

export type SiweParseResult = Result<SiweMessage, 'MESSAGE_MALFORMED'>;

const malformed = (reason: string) => fail('MESSAGE_MALFORMED', { reason });

/** A 0x address in its EIP-55 form (a wrong checksum, all-lowercase or all-uppercase is not). */
export function isChecksummedAddress(address: string): boolean {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return false;
  try {
    return getAddress(address) === address;
  } catch {
    return false; // mixed case with a wrong checksum
  }
}

/** RFC 3339 date-time with real calendar values (no 30 February), as a Date. */
export function parseDateTime(text: string): Date | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 60) return undefined;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return undefined;
  const time = Date.parse(second === 60 ? text.replace(/:60(?=[.Zz+-])/, ':59') : text);
  return Number.isNaN(time) ? undefined : new Date(time);
}

export function parseSiweMessage(text: string): SiweParseResult {
  if (text.length > SIWE_MESSAGE_MAX_LENGTH) return malformed('the message is too long');
  if (text.includes('\r')) return malformed('lines must end with LF only');
  const lines = text.split('\n');
  let at = 0;
  const next = () => lines[at++];

  const header = next()!;
  if (!header.endsWith(HEADER_SUFFIX)) return malformed('the first line must end with "wants you to sign in with your Ethereum account:"');
  let origin = header.slice(0, -HEADER_SUFFIX.length);
  let scheme: string | undefined;
  const schemeEnd = origin.indexOf('://');
  if (schemeEnd >= 0) {
    scheme = origin.slice(0, schemeEnd);
    origin = origin.slice(schemeEnd + 3);
    if (!SCHEME.test(scheme)) return malformed('the scheme is not an RFC 3986 scheme');
  }
  if (!AUTHORITY.test(origin)) return malformed('the domain is not an RFC 3986 authority');

  const address = next();
  if (address === undefined || !/^0x[0-9a-fA-F]{40}$/.test(address)) return malformed('the second line must be a 0x address');
  if (!isChecksummedAddress(address)) return malformed('the address is not EIP-55 checksummed');
  if (next() !== '') return malformed('an empty line must follow the address');

  // Either "statement LF LF" or just "LF" before the URI: the ABNF's [ statement LF ] LF.
  let statement: string | undefined;
  if (lines[at] === '' && lines[at + 1] === '') {
    statement = ''; // an empty statement: the ABNF allows *( ... ) to match nothing
    at += 2;
  } else if (lines[at] === '') at += 1;
  else {
    statement = next();
    if (statement === undefined || statement.startsWith('URI: ')) return malformed('an empty line must precede the URI when there is no statement');
    if (!STATEMENT.test(statement)) return malformed('the statement has characters EIP-4361 does not allow');
    if (next() !== '') return malformed('an empty line must follow the statement');
  }

  const field = (name: string): string | undefined => {
    const line = lines[at];
    if (line === undefined || !line.startsWith(`${name}: `)) return undefined;
    at += 1;
    return line.slice(name.length + 2);
  };

  const uri = field('URI');
  if (uri === undefined) return malformed('missing "URI: "');
  if (!URI.test(uri)) return malformed('the URI is not an RFC 3986 URI');
  if (field('Version') !== '1') return malformed('"Version: 1" must follow the URI');
  const chainId = field('Chain ID');
  if (chainId === undefined || !CHAIN_ID.test(chainId) || !Number.isSafeInteger(Number(chainId))) return malformed('"Chain ID: " must be a decimal chain id');
  const nonce = field('Nonce');
  if (nonce === undefined || !NONCE.test(nonce)) return malformed('"Nonce: " must be at least 8 letters and digits');
  const issuedAt = field('Issued At');
  if (issuedAt === undefined || !parseDateTime(issuedAt)) return malformed('"Issued At: " must be an RFC 3339 date-time');

  const message: SiweMessage = { domain: origin, address, uri, version: '1', chainId: Number(chainId), nonce, issuedAt };
  if (scheme !== undefined) message.scheme = scheme;
  if (statement !== undefined) message.statement = statement;

  const expirationTime = field('Expiration Time');
  if (expirationTime !== undefined) {
    if (!parseDateTime(expirationTime)) return malformed('"Expiration Time: " must be an RFC 3339 date-time');
    message.expirationTime = expirationTime;
  }
  const notBefore = field('Not Before');
  if (notBefore !== undefined) {
    if (!parseDateTime(notBefore)) return malformed('"Not Before: " must be an RFC 3339 date-time');
    message.notBefore = notBefore;
  }
  const requestId = field('Request ID');
  if (requestId !== undefined) {
    if (!REQUEST_ID.test(requestId)) return malformed('"Request ID: " has characters outside RFC 3986 pchar');
    message.requestId = requestId;
  }
  if (lines[at] === 'Resources:') {
    at += 1;
    message.resources = [];
    while (at < lines.length) {
      const line = lines[at]!;
      if (!line.startsWith('- ') || !URI.test(line.slice(2))) return malformed('each resource must be "- " and an RFC 3986 URI');
      message.resources.push(line.slice(2));
      at += 1;
    }
  }
  if (at !== lines.length) return malformed(`unexpected line ${at + 1}: fields out of order, unknown, or a trailing newline`);
  return ok(message);
}

/** The message text for the fields, in the ABNF's order (what the wallet page builds, too). */
export function formatSiweMessage(message: SiweMessage): string {
  const lines = [
    `${message.scheme ? `${message.scheme}://` : ''}${message.domain}${HEADER_SUFFIX}`,
    message.address,
    '',
    ...(message.statement !== undefined ? [message.statement, ''] : ['']),
    `URI: ${message.uri}`,
    `Version: ${message.version}`,
    `Chain ID: ${message.chainId}`,
    `Nonce: ${message.nonce}`,
    `Issued At: ${message.issuedAt}`,
  ];
  if (message.expirationTime !== undefined) lines.push(`Expiration Time: ${message.expirationTime}`);
  if (message.notBefore !== undefined) lines.push(`Not Before: ${message.notBefore}`);
  if (message.requestId !== undefined) lines.push(`Request ID: ${message.requestId}`);
  if (message.resources !== undefined) lines.push('Resources:', ...message.resources.map((r) => `- ${r}`));
  return lines.join('\n');
}
