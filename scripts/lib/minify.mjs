// JavaScript minification for the release site: wasm-bindgen's glue and the loader scripts are
// written to be read, and are about a fifth smaller (gzipped) once minified.

import { transform } from 'esbuild';

/** `code`, an ES module, minified. Its exports and import paths stay as they are. */
export async function minify(code) {
  // wasm-bindgen's glue repeats a key in its imports object; esbuild says so, and it is harmless.
  const { code: minified } = await transform(code, { format: 'esm', minify: true, logLevel: 'error' });
  return minified;
}
