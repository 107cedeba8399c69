import { inflateSync } from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface DecodedPng {
  width: number;
  height: number;
  /** Per pixel: true when it is dark (luma below half). */
  dark(x: number, y: number): boolean;
}

/**
 * A minimal PNG reader for the images the bot draws (8-bit greyscale, RGB or RGBA, not
 * interlaced): checks the signature and every chunk's CRC, inflates the IDAT stream and undoes
 * the five scanline filters. Enough to read a QR code back without an image library.
 */
export function decodePng(png: Uint8Array): DecodedPng {
  const bytes = Buffer.from(png);
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG: bad signature');
  let offset = 8;
  let header: { width: number; height: number; bitDepth: number; colorType: number; interlace: number } | undefined;
  const data: Buffer[] = [];
  for (;;) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (bytes.readUInt32BE(offset + 8 + length) !== crc32(bytes.subarray(offset + 4, offset + 8 + length))) throw new Error(`bad CRC in ${type}`);
    offset += 12 + length;
    if (type === 'IHDR') {
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: body[8]!, colorType: body[9]!, interlace: body[12]! };
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
  }
  if (!header) throw new Error('no IHDR');
  const channels = { 0: 1, 2: 3, 6: 4 }[header.colorType];
  if (header.bitDepth !== 8 || !channels || header.interlace !== 0) throw new Error(`unsupported PNG ${JSON.stringify(header)}`);
  const { width, height } = header;
  const stride = width * channels;
  const raw = inflateSync(Buffer.concat(data));
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? pixels[y * stride + i - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const upLeft = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels]! : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predictor === undefined) throw new Error(`bad filter ${filter}`);
      pixels[y * stride + i] = (line[i]! + predictor) & 0xff;
    }
  }
  return {
    width,
    height,
    dark(x, y) {
      const at = y * stride + x * channels;
      const luma = channels >= 3 ? (pixels[at]! + pixels[at + 1]! + pixels[at + 2]!) / 3 : pixels[at]!;
      return luma < 128;
    },
  };
}

/**
 * The QR symbol in a rendered image as a module grid (1 = dark): the top-left finder pattern's
 * outer ring is 7 modules wide, which gives the position and the module size in pixels.
 */
export function readQrModules(image: DecodedPng): number[][] {
  let origin: { x: number; y: number } | undefined;
  for (let y = 0; y < image.height && !origin; y++) {
    for (let x = 0; x < image.width; x++) {
      if (image.dark(x, y)) {
        origin = { x, y };
        break;
      }
    }
  }
  if (!origin) throw new Error('no dark pixel: not a QR code');
  let run = 0;
  while (origin.x + run < image.width && image.dark(origin.x + run, origin.y)) run++;
  const moduleSize = run / 7;
  if (!Number.isInteger(moduleSize)) throw new Error(`finder pattern of ${run} px is not 7 whole modules`);
  const size = (image.width - 2 * origin.x) / moduleSize;
  if (!Number.isInteger(size)) throw new Error('the symbol is not centred on whole modules');
  const grid: number[][] = [];
  for (let row = 0; row < size; row++) {
    grid.push([]);
    for (let col = 0; col < size; col++) {
      const x = origin.x + col * moduleSize + Math.floor(moduleSize / 2);
      const y = origin.y + row * moduleSize + Math.floor(moduleSize / 2);
      grid[row]!.push(image.dark(x, y) ? 1 : 0);
    }
  }
  return grid;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
