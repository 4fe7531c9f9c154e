// Tiny DOM helpers. Everything the page shows is built from nodes and
// textContent, so text from the server can never turn into markup.

/**
 * Creates an element: el('a', {href: '#', class: 'x'}, 'text', childNode).
 * Attributes whose value is null, undefined or false are left out.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/** Appends strings (as text) and nodes, skipping empty values and flattening arrays. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === '') continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children of `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}
