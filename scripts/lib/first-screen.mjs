// The first screen of the default article, painted from index.html itself, before the wasm has
// arrived: on a phone's network the wasm takes a second or more, and the page would be blank until
// then. It is a copy of what the app renders first, taken from the app in a browser
// (scripts/first-screen writes assets/first-screen.html; a test checks it is current), made
// inert: no ids, no data attributes, no tab stops, nothing to click. The loader removes it in the
// task that mounts the app, so no frame shows both or neither.
//
// A reader coming back to an article of their own, or following a share link, would see the
// default article flash first: an inline script in the head hides the copy for them.

export const FIRST_SCREEN_ID = 'first-screen';

// The library's key and the key earlier versions kept an article under (src/ui/articles.rs).
const RETURNING_SCRIPT = `try{const l=JSON.parse(localStorage.getItem("scholia:library")||"{}");if(l&&l.current||localStorage.getItem("scholia:article")!==null||location.hash.length>1)document.documentElement.dataset.returning=""}catch(e){}`;

/**
 * In the page, once the app shows the default article: the markup of what it shows first, from
 * the top of the page to the first article block that starts below `depth` pixels.
 */
export function firstScreenOf(depth) {
  const blocks = (root) => [...root.querySelectorAll('main article > .slice > *, main article > :not(.slice)')];
  const below = new Set(blocks(document).map((block, i) => (block.getBoundingClientRect().top > depth ? i : -1)));
  const copy = document.createElement('div');
  for (const child of document.body.children) {
    if (!child.matches('noscript, script, [role="status"]')) copy.append(child.cloneNode(true));
  }
  blocks(copy).forEach((block, i) => below.has(i) && block.remove());
  // Code fetched after the first paint (the panel, the notices) is not part of the first screen.
  copy.querySelectorAll('.panel, .notices, .slice:empty').forEach((node) => node.remove());
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((comment) => comment.remove());
  for (const element of copy.querySelectorAll('*')) {
    for (const { name } of [...element.attributes]) {
      if (/^(id|for|tabindex|data-.*|aria-(controls|describedby|labelledby|keyshortcuts))$/.test(name)) {
        element.removeAttribute(name);
      }
    }
  }
  return copy.innerHTML;
}

/** `page` (index.html) with `markup` (from `firstScreenOf`) painted first, and hidden from returning readers. */
export function withFirstScreen(page, markup) {
  const head = page.indexOf('</head>');
  const body = page.match(/<body[^>]*>/);
  if (head < 0 || !body) throw new Error('first-screen: index.html has no </head> or <body>');
  const afterBody = body.index + body[0].length;
  return (
    page.slice(0, head) +
    `<script>${RETURNING_SCRIPT}</script>` +
    page.slice(head, afterBody) +
    `<div id="${FIRST_SCREEN_ID}" inert>${markup.trim()}</div>` +
    page.slice(afterBody)
  );
}
