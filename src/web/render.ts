// Renders a TSX tree to a complete HTML document string (escaping is preact's default).
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export function renderDocument(tree: VNode): string {
  return '<!doctype html>' + renderToString(tree);
}
