// Decodes the bytes of a page into a string: UTF-8 (BOM stripped), windows-1256 or ISO-8859-6.
// Input: raw bytes (and, for HTML, the declared charset). Output: the text, or a reason it cannot be read.
import iconv from 'iconv-lite';

export type Decoded = { text: string; encoding: string } | { error: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

/** Arabic encodings we try when the bytes are not UTF-8, best candidates first. */
const LEGACY_ARABIC = ['windows-1256', 'iso-8859-6'] as const;

/** A decoded text must be at least this share of letters/digits/spaces/punctuation to count as text. */
const MIN_TEXT_SCORE = 0.85;

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** NUL bytes or mostly control characters: a binary file, not a page. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control / n > 0.1;
}

/** Same test for a string (a JSONL `text` field may carry binary junk). */
export function looksBinaryText(text: string): boolean {
  const n = Math.min(text.length, 8192);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) control++;
  }
  return control / n > 0.1;
}

/** Normalises a declared charset label to one iconv-lite knows, or null. */
export function knownCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase();
  if (l === 'utf8' || l === 'utf-8') return 'utf-8';
  if (l === 'cp1256' || l === 'windows-1256' || l === 'x-cp1256') return 'windows-1256';
  if (l === 'iso-8859-6' || l === 'iso8859-6' || l === 'arabic' || l === 'iso_8859-6' || l === 'asmo-708') return 'iso-8859-6';
  return iconv.encodingExists(l) ? l : null;
}

/** Share of characters that are Arabic or Latin letters, digits, spaces or common punctuation. */
export function textScore(text: string): number {
  const n = Math.min(text.length, 20000);
  if (n === 0) return 0;
  let good = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const arabic = c >= 0x0600 && c <= 0x06ff;
    const ascii = c >= 0x20 && c < 0x7f;
    const space = c === 0x0a || c === 0x0d || c === 0x09 || c === 0xa0;
    const typographic = c >= 0x2010 && c <= 0x2027; // dashes, quotes, ellipsis
    const latin1Letter = c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7;
    const guillemet = c === 0xab || c === 0xbb;
    if (arabic || ascii || space || typographic || latin1Letter || guillemet || c === 0x200c || c === 0x200f) good++;
  }
  return good / n;
}

/** Share of Arabic letters: separates a right decoding from a wrong one that only yields Latin-1 letters. */
function arabicShare(text: string): number {
  const n = Math.min(text.length, 20000);
  let arabic = 0;
  let letters = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x0621 && c <= 0x064a) arabic++;
    if ((c >= 0x0621 && c <= 0x064a) || (c >= 0xc0 && c <= 0xff) || c === 0xfffd) letters++;
  }
  return letters === 0 ? 0 : arabic / letters;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decides the encoding by: BOM; the declared charset (HTML meta); valid UTF-8; else the better of the
 * legacy Arabic decodings. A decoding that is not mostly text is refused as undecodable.
 */
export function decodeBytes(bytes: Uint8Array, declared?: string | null): Decoded {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(bytes, UTF8_BOM)) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (startsWith(bytes, UTF16LE_BOM)) return checked(iconv.decode(buf.subarray(2), 'utf-16le'), 'utf-16le');
  if (startsWith(bytes, UTF16BE_BOM)) return checked(iconv.decode(buf.subarray(2), 'utf-16be'), 'utf-16be');
  const valid = isValidUtf8(bytes);
  const charset = knownCharset(declared);
  // A page that says UTF-8 but is not is common (copied headers); trust the bytes then.
  if (charset && !(charset === 'utf-8' && !valid)) return checked(iconv.decode(buf, charset), charset);
  if (valid) return { text: buf.toString('utf8'), encoding: 'utf-8' };
  let best: { text: string; encoding: string; score: number } | null = null;
  for (const encoding of LEGACY_ARABIC) {
    const text = iconv.decode(buf, encoding);
    const score = textScore(text) * (0.5 + 0.5 * arabicShare(text));
    if (!best || score > best.score) best = { text, encoding, score };
  }
  if (!best || textScore(best.text) < MIN_TEXT_SCORE || arabicShare(best.text) < 0.5) {
    return { error: 'undecodable bytes: not UTF-8, windows-1256 or ISO-8859-6 text' };
  }
  return { text: best.text, encoding: best.encoding };
}

function checked(text: string, encoding: string): Decoded {
  if (text.length > 0 && textScore(text) < MIN_TEXT_SCORE) {
    return { error: `undecodable bytes: ${encoding} decoding is not text` };
  }
  return { text, encoding };
}
