import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The wallet page (index.html next to this file): plain HTML with its style and script inline, no
 * build step. It is served with a Content-Security-Policy that allows exactly that inline script
 * and style (by their SHA-256), Telegram's Mini App script, and requests to this server; and with
 * no referrer and no caching, because its URL carries the one-time link.
 */
export interface WalletPage {
  html: string;
  headers: Record<string, string>;
}

let cached: WalletPage | undefined;

export function walletPage(): WalletPage {
  cached ??= build(readFileSync(new URL('./index.html', import.meta.url), 'utf8'));
  return cached;
}

function build(html: string): WalletPage {
  const hashes = (tag: 'script' | 'style') =>
    [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`).join(' ');
  const csp = [
    "default-src 'none'",
    `script-src ${hashes('script')} https://telegram.org`,
    `style-src ${hashes('style')}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    // Telegram's web clients show Mini Apps in a frame; nobody else may.
    "frame-ancestors 'self' https://web.telegram.org",
  ].join('; ');
  return {
    html,
    headers: {
      'content-security-policy': csp,
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  };
}
