// Bytes carried inside an HTML page as themselves, for standalone.html. Base64 would make the
// compressed wasm a third larger, and the file's size is what an e-mail attachment counts.
//
// The page declares windows-1252, which the HTML parser decodes one byte to one character, every
// byte value to a different one (WHATWG Encoding). The bytes sit in a data block,
// `<script type="application/octet-stream">`, which nothing runs. Only the bytes the parser would
// change or stop at are escaped: NUL (read as U+FFFD), CR (read as LF) and `<` (could end the
// element), and the escape byte itself. Everything else in the page must be ASCII, which reads the
// same in windows-1252 as in UTF-8.

const ESCAPE = 0x3d; // '='
const ESCAPED = new Set([0x00, 0x0d, 0x3c, ESCAPE]);
// An escaped byte is written as ESCAPE and the byte plus SHIFT, none of which needs escaping.
const SHIFT = 0x40;

export const CHARSET = 'windows-1252';
/** The data block's id. */
export const EMBEDDED_ID = 'scholia-wasm';

/** `bytes` (a Buffer) with the bytes that the HTML parser would alter escaped. */
export function escapeBytes(bytes) {
  const out = Buffer.alloc(bytes.length * 2);
  let n = 0;
  for (const byte of bytes) {
    if (ESCAPED.has(byte)) {
      out[n++] = ESCAPE;
      out[n++] = (byte + SHIFT) & 0xff;
    } else {
      out[n++] = byte;
    }
  }
  return out.subarray(0, n);
}

/** The inverse of escapeBytes, over the file's bytes (for the benchmark and tests). */
export function unescapeBytes(escaped) {
  const out = Buffer.alloc(escaped.length);
  let n = 0;
  for (let i = 0; i < escaped.length; i++) {
    out[n++] = escaped[i] === ESCAPE ? (escaped[++i] - SHIFT) & 0xff : escaped[i];
  }
  return out.subarray(0, n);
}

/**
 * The page's side, as a script: `unpackEmbedded(element)` returns the bytes in a data block. The
 * characters are mapped back to bytes through the browser's own windows-1252 decoder.
 */
export const UNPACK_SCRIPT = `
function unpackEmbedded(element) {
  const all = new Uint8Array(256).map((_, byte) => byte);
  const chars = new TextDecoder('${CHARSET}').decode(all);
  const byteOf = new Uint8Array(65536);
  for (let byte = 0; byte < 256; byte++) byteOf[chars.charCodeAt(byte)] = byte;
  const text = element.textContent;
  const bytes = new Uint8Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const byte = byteOf[text.charCodeAt(i)];
    bytes[n++] = byte === ${ESCAPE} ? (byteOf[text.charCodeAt(++i)] - ${SHIFT}) & 255 : byte;
  }
  return bytes.subarray(0, n);
}
`;

/** Non-ASCII characters in page text as character references, so that the page is pure ASCII. */
export const asciiHtml = (html) => html.replace(/[^\x00-\x7f]/gu, (char) => `&#x${char.codePointAt(0).toString(16)};`);

/** Non-ASCII characters in a style sheet as CSS escapes (the space ends the escape). */
export const asciiCss = (css) => css.replace(/[^\x00-\x7f]/gu, (char) => `\\${char.codePointAt(0).toString(16)} `);

/** Throws unless `text` is ASCII: the part of the page around the data block. */
export function assertAscii(text, what) {
  const at = text.search(/[^\x00-\x7f]/);
  if (at >= 0) throw new Error(`embed: ${what} has a non-ASCII character at ${at}: ${JSON.stringify(text.slice(at, at + 20))}`);
}
