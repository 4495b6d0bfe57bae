// Bytes carried in standalone.html as themselves (scripts/lib/embed.mjs): what the page reads back
// after the HTML parser's windows-1252 decoding is exactly what went in, and nothing in the data
// block can end it or be altered by the parser.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { CHARSET, EMBEDDED_ID, UNPACK_SCRIPT, asciiCss, asciiHtml, escapeBytes, unescapeBytes } from '../../scripts/lib/embed.mjs';
import { DIST } from '../e2e/support.mjs';

const unpackEmbedded = new Function(`${UNPACK_SCRIPT}; return unpackEmbedded;`)();
/** What the page's script sees: the file's bytes as the HTML parser decodes them. */
const asParsed = (bytes) => ({ textContent: new TextDecoder(CHARSET).decode(bytes) });
const everyByte = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte));

describe('bytes embedded in the page', () => {
  test('every byte value, and random data, come back unchanged in the page and in Node', () => {
    for (const bytes of [everyByte, Buffer.concat([everyByte, Buffer.from(everyByte).reverse()]), randomBytes(100_000)]) {
      const escaped = escapeBytes(bytes);
      assert.deepEqual(Buffer.from(unpackEmbedded(asParsed(escaped))), bytes);
      assert.deepEqual(unescapeBytes(escaped), bytes);
    }
  });

  test('the data block holds no NUL, CR or "<", and costs about one byte in a hundred', () => {
    const bytes = randomBytes(100_000);
    const escaped = escapeBytes(bytes);
    for (const forbidden of [0x00, 0x0d, 0x3c]) assert.equal(escaped.indexOf(forbidden), -1, `byte ${forbidden}`);
    assert.ok(escaped.length < bytes.length * 1.02, `${escaped.length} bytes for ${bytes.length}`);
  });

  test('text around the block becomes ASCII that means the same', () => {
    assert.equal(asciiHtml('<p>Café ✎ 𝄞</p>'), '<p>Caf&#xe9; &#x270e; &#x1d11e;</p>');
    assert.equal(asciiCss('.a::before{content:"✎"}'), '.a::before{content:"\\270e "}');
  });

  test("dist/standalone.html is ASCII around its block, which holds the build's wasm", async () => {
    const html = await readFile(join(DIST, 'standalone.html'));
    const open = Buffer.from(`<script type="application/octet-stream" id="${EMBEDDED_ID}">`);
    const start = html.indexOf(open);
    const end = html.indexOf('</script>', start);
    assert.ok(start > 0 && end > start, 'the data block is there');
    const around = Buffer.concat([html.subarray(0, start), html.subarray(end)]);
    assert.ok(around.every((byte) => byte < 0x80), 'no byte outside the block is above ASCII');
    assert.match(around.toString('ascii'), new RegExp(`<meta charset="${CHARSET}"`));
    const wasm = gunzipSync(unescapeBytes(html.subarray(start + open.length, end)));
    assert.deepEqual(wasm.subarray(0, 4), Buffer.from('\0asm'));
  });
});
