// Text edits for the build scripts that rewrite built files. Each fails loudly when its target is
// not there as expected, so that a changed tool output breaks the build instead of the page.

import { createHash } from 'node:crypto';

/** Subresource Integrity of `data`, as `integrity` attributes and fetch() take it. */
export const sri = (data) => `sha384-${createHash('sha384').update(data).digest('base64')}`;

/** `text` with `pattern` (a string, or a global regular expression) replaced where it occurs exactly once. */
export function replaceOnce(text, pattern, replacement) {
  const found = typeof pattern === 'string' ? text.split(pattern).length - 1 : (text.match(pattern)?.length ?? 0);
  if (found !== 1) throw new Error(`expected one ${pattern}, found ${found}`);
  // A function, so that `$` in the replacement is taken as it is.
  return text.replace(pattern, () => replacement);
}

/** `text` with every occurrence of the string `from` replaced; there must be at least one. */
export function replaceEvery(text, from, to) {
  if (!text.includes(from)) throw new Error(`expected ${from}, found none`);
  return text.split(from).join(to);
}

/** `script`, after checking that it can sit inside an inline `<script>` element as it is. */
export function inlinable(script) {
  if (/<\/script|<!--/i.test(script)) throw new Error('a script that cannot be inlined as it is');
  return script;
}
