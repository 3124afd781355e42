// Renders a TSX tree to a complete HTML document string (escaping is preact's default).
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export function renderDocument(tree: VNode<any>): string { // eslint-disable-line @typescript-eslint/no-explicit-any -- any component's tree
  return '<!doctype html>' + renderToString(tree);
}
