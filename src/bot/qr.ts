import QRCode from 'qrcode';

/**
 * How invite QR codes are drawn. Medium error correction still scans from a scuffed or glared
 * screen while keeping a ~45-character link at a small version (large modules, easy to scan); the
 * four-module quiet zone is what the QR standard asks for.
 */
export const INVITE_QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 4, scale: 8 } as const;

/** A PNG image of `text` as a QR code. The same text always gives the same bytes. */
export function qrCodePng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', ...INVITE_QR_OPTIONS });
}
